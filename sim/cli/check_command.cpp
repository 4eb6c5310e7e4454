#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "acmsim/report/atomic_file.hpp"
#include "acmsim/report/findings_report.hpp"
#include "acmsim/report/run_report.hpp"
#include "commands.hpp"

namespace acmsim::cli {

namespace {

struct Outcome {
  std::string file;
  std::string name;
  enum { Passed, Failed, BadInput } status = Passed;
  std::string detail;
  std::vector<std::string> failures;  // every failed expectation, "file:line: message"
  std::vector<analysis::Finding> findings;
  std::vector<std::string> warnings;  // stale suppressions, for stderr
  std::size_t expectations = 0;
};

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
          out += ' ';
        else
          out += c;
    }
  }
  return out;
}

// JUnit XML: one test case a scenario; failures carry the expectation's message
// and source line; the findings are properties.
std::string junit(const std::vector<Outcome>& outcomes) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const auto& o : outcomes) {
    failures += o.status == Outcome::Failed ? 1 : 0;
    errors += o.status == Outcome::BadInput ? 1 : 0;
  }
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"acmsim\" tests=\"" << outcomes.size() << "\" failures=\"" << failures << "\" errors=\"" << errors << "\" time=\"0\">\n";
  x << "  <testsuite name=\"acmsim check\" tests=\"" << outcomes.size() << "\" failures=\"" << failures << "\" errors=\"" << errors
    << "\" skipped=\"0\" time=\"0\">\n";
  for (const auto& o : outcomes) {
    std::string classname = std::filesystem::path(o.file).parent_path().string();
    for (auto& c : classname) c = c == '/' ? '.' : c;
    x << "    <testcase name=\"" << xml_escape(o.name.empty() ? o.file : o.name) << "\" classname=\"" << xml_escape(classname) << "\" file=\""
      << xml_escape(o.file) << "\" time=\"0\">\n";
    if (!o.findings.empty()) {
      x << "      <properties>\n";
      for (const auto& f : o.findings) {
        x << "        <property name=\"finding\" value=\""
          << xml_escape(std::string(analysis::severity_name(f.severity)) + " [" + f.rule + "] " + f.message) << "\"/>\n";
      }
      x << "      </properties>\n";
    }
    if (o.status == Outcome::Failed) {
      std::string text;
      for (const auto& f : o.failures) text += f + "\n";
      x << "      <failure message=\"" << xml_escape(o.failures.empty() ? o.detail : o.failures.front()) << "\" type=\"expectation\">"
        << xml_escape(text) << "</failure>\n";
    } else if (o.status == Outcome::BadInput) {
      x << "      <error message=\"" << xml_escape(o.detail) << "\" type=\"bad-input\">" << xml_escape(o.detail) << "</error>\n";
    }
    x << "    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

Outcome check_one(const std::string& file, const CheckArgs& args) {
  Outcome o;
  o.file = file;
  scenario::Scenario s;
  try {
    s = scenario::load_scenario(file, args.limits);
  } catch (const scenario::InputError& e) {
    o.status = Outcome::BadInput;
    o.detail = e.render();
    return o;
  }
  o.name = s.name;
  try {
    scenario::RunOptions options = args.options;
    options.trace = true;
    const auto r = scenario::run_scenario(s, options);
    o.expectations = r.expectations.size();
    o.findings = r.findings->current();
    for (const auto& e : r.expectations) {
      if (!e.passed) o.failures.push_back(file + ":" + std::to_string(e.line) + ": " + e.message);
    }
    if (args.fail_on) {
      for (const auto& f : o.findings) {
        if (!f.suppressed && static_cast<int>(f.severity) <= static_cast<int>(*args.fail_on)) {
          o.failures.push_back(file + ":" + std::to_string(report::step_line(s, f.origin)) + ": " + std::string(analysis::severity_name(f.severity)) +
                               " [" + f.rule + "] " + f.message);
        }
      }
    }
    for (const auto* sup : report::stale_suppressions(r)) o.warnings.push_back(report::stale_suppression_warning(s, *sup));
    if (!o.failures.empty()) {
      o.status = Outcome::Failed;
      o.detail = o.failures.front();
    }
  } catch (const core::EventBudgetExceeded& e) {
    o.status = Outcome::BadInput;
    o.detail = file + ":1:1: " + e.what();
  }
  return o;
}

}  // namespace

std::vector<std::string> collect_scenarios(const std::vector<std::string>& paths, std::string* error) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".json" && !it->path().string().ends_with(".study.json"))
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      *error = p + ": no such file or folder";
      return {};
    }
  }
  return files;
}

int check_command(const CheckArgs& args) {
  std::string error;
  const auto files = collect_scenarios(args.paths, &error);
  if (!error.empty()) {
    std::cerr << "acmsim check: " << error << "\n";
    return kBadInput;
  }
  std::vector<Outcome> outcomes(files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) outcomes[i] = check_one(files[i], args);
  };
  const unsigned jobs = std::max(1U, std::min<unsigned>(args.jobs, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();

  std::size_t passed = 0;
  std::size_t failed = 0;
  bool bad = false;
  for (const auto& o : outcomes) {
    for (const auto& w : o.warnings) std::cerr << w << "\n";
    switch (o.status) {
      case Outcome::Passed:
        ++passed;
        std::cout << "ok    " << o.name << " (" << o.file << ", " << o.expectations << " expectations)\n";
        break;
      case Outcome::Failed:
        ++failed;
        std::cout << "FAIL  " << o.name << " (" << o.file << ")\n      " << o.detail << "\n";
        break;
      case Outcome::BadInput:
        ++failed;
        bad = true;
        std::cout << "BAD   " << o.file << "\n";
        std::cerr << o.detail << "\n";
        break;
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  if (!args.junit.empty()) {
    try {
      report::write_file_atomically(args.junit, junit(outcomes));
    } catch (const std::exception& e) {
      std::cerr << "acmsim check: " << e.what() << "\n";
      return kBadInput;
    }
  }
  if (bad) return kBadInput;
  return failed == 0 ? kOk : kFailed;
}

}  // namespace acmsim::cli
