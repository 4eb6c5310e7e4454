// acmsim check: every scenario among the files and folders given, as a CI
// step: one line per scenario, a closing count, JUnit XML, and the team's
// policy (config file, --fail-on over the whole run, suppressions, baseline).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <new>
#include <thread>

#include "acmsim/input/input_file.hpp"
#include "acmsim/report/atomic_file.hpp"
#include "acmsim/report/findings_report.hpp"
#include "acmsim/report/junit.hpp"
#include "acmsim/report/run_report.hpp"
#include "commands.hpp"
#include "policy.hpp"

namespace acmsim::cli {

namespace {

struct Outcome {
  std::string file;
  std::string name;
  enum { Passed, Failed, BadInput } status = Passed;
  std::string detail;
  std::vector<std::string> failures;      // every failed expectation and failing finding, "file:line: message"
  std::vector<analysis::Finding> raised;  // every finding raised during the run
  std::vector<std::string> warnings;      // stale suppressions of the scenario, for stderr
  std::vector<bool> config_used;          // which of the config file's suppressions matched here
  std::size_t expectations = 0;
  double seconds = 0;
};

std::string describe(const analysis::Finding& f) { return std::string(analysis::severity_name(f.severity)) + " [" + f.rule + "] " + f.message; }

Outcome check_one(const std::string& file, const CheckArgs& args, const Policy& policy) {
  const auto began = std::chrono::steady_clock::now();
  Outcome o;
  o.file = file;
  auto finish = [&]() -> Outcome {
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    return o;
  };
  scenario::Scenario s;
  try {
    s = scenario::load_scenario(file, args.limits);
  } catch (const scenario::InputError& e) {
    o.status = Outcome::BadInput;
    o.detail = e.render();
    return finish();
  }
  o.name = s.name;
  const std::size_t own = s.suppressions.size();
  scenario::RunOptions options = args.options;
  policy.apply(s, options);
  options.trace = false;
  try {
    const auto r = scenario::run_scenario(s, options);
    o.expectations = r.expectations.size();
    for (const auto& e : r.expectations) {
      if (!e.passed) o.failures.push_back(file + ":" + std::to_string(e.line) + ": " + e.message);
    }
    o.raised = raised_during(r);
    for (const auto& f : o.raised) {
      if (policy.fails(s.name, f)) o.failures.push_back(file + ":" + std::to_string(report::step_line(s, f.origin)) + ": " + describe(f));
    }
    for (const auto* sup : report::stale_suppressions(r)) o.warnings.push_back(report::stale_suppression_warning(s, *sup));
    const auto& used = r.findings->suppression_used();
    o.config_used.assign(used.begin() + static_cast<std::ptrdiff_t>(own), used.end());
    if (!o.failures.empty()) {
      o.status = Outcome::Failed;
      o.detail = o.failures.front();
    }
  } catch (const core::RunLimitExceeded& e) {
    o.status = Outcome::BadInput;
    o.detail = file + ":1:1: " + e.what();
  }
  return finish();
}

std::vector<report::JUnitCase> junit_cases(const std::vector<Outcome>& outcomes) {
  std::vector<report::JUnitCase> cases;
  for (const auto& o : outcomes) {
    report::JUnitCase c;
    c.name = o.name.empty() ? o.file : o.name;
    c.classname = std::filesystem::path(o.file).parent_path().string();
    std::replace(c.classname.begin(), c.classname.end(), '/', '.');
    c.file = o.file;
    c.seconds = o.seconds;
    for (const auto& f : o.raised) c.properties.push_back(describe(f) + (f.suppressed ? " (suppressed: " + *f.suppressed + ")" : ""));
    if (o.status == Outcome::BadInput) c.error = o.detail;
    if (o.status == Outcome::Failed) c.failures = o.failures.empty() ? std::vector<std::string>{o.detail} : o.failures;
    cases.push_back(std::move(c));
  }
  return cases;
}

/// Whether a file found in a folder is a scenario: a JSON object with a
/// "scenario" member, or whose "$schema" names the scenario schema. A file
/// that is not JSON at all counts when it mentions "scenario" (so that a broken
/// scenario is reported, not skipped).
std::optional<std::string> why_not_a_scenario(const std::filesystem::path& p, const scenario::LoadLimits& limits) {
  if (p.string().ends_with(".study.json")) return "a study (run it with acmsim sweep)";
  std::string text;
  try {
    text = input::read_input_file(p.string(), limits.max_file_bytes);
  } catch (const scenario::InputError&) {
    return std::nullopt;  // the loader reports it, with its reason
  }
  const auto doc = core::Json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    if (text.find("\"scenario\"") != std::string::npos) return std::nullopt;
    return "not JSON";
  }
  if (!doc.is_object()) return "not a JSON object";
  if (doc.contains("scenario")) return std::nullopt;
  if (doc.contains("$schema") && doc["$schema"].is_string() && doc["$schema"].get<std::string>().ends_with("scenario.schema.json"))
    return std::nullopt;
  if (doc.contains("study")) return "a study (run it with acmsim sweep)";
  if (doc.contains("Resources") || doc.contains("AWSTemplateFormatVersion")) return "a CloudFormation template, not a scenario";
  return "no \"scenario\" member";
}

}  // namespace

Selection select_scenarios(const std::vector<std::string>& paths, const scenario::LoadLimits& limits) {
  namespace fs = std::filesystem;
  Selection out;
  for (const auto& p : paths) {
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      out.error = p + ": no such file or folder";
      return out;
    }
    if (!fs::is_directory(status)) {
      out.files.push_back(p);  // named on the command line: a scenario, whatever it holds
      continue;
    }
    // Stay inside the folder: symbolic links that lead out of it are skipped.
    const fs::path root = fs::weakly_canonical(p, ec);
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& f = it->path();
      if (f.extension() != ".json" || it->is_directory(ec)) continue;
      if (it->is_symlink(ec)) {
        const fs::path target = fs::weakly_canonical(f, ec);
        const auto rel = target.lexically_relative(root);
        if (ec || rel.empty() || *rel.begin() == "..") {
          out.skipped.emplace_back(f.string(), "a symbolic link that leads out of " + p);
          continue;
        }
      }
      if (!it->is_regular_file(ec)) {
        out.skipped.emplace_back(f.string(), "not a regular file");
        continue;
      }
      if (auto why = why_not_a_scenario(f, limits)) {
        out.skipped.emplace_back(f.string(), *why);
        continue;
      }
      found.push_back(f.string());
    }
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
  }
  std::sort(out.skipped.begin(), out.skipped.end());
  if (out.files.empty()) out.error = "no scenario among the paths given (a scenario is a JSON file with a \"scenario\" member)";
  return out;
}

int check_command(const CheckArgs& args) {
  const auto began = std::chrono::steady_clock::now();
  const auto policy = resolve_policy(args.policy, std::nullopt, "check");
  if (!policy) return kBadInput;
  const Selection selection = select_scenarios(args.paths, args.limits);
  for (const auto& [file, why] : selection.skipped) std::cerr << "acmsim check: skipped " << file << ": " << why << "\n";
  if (!selection.error.empty()) {
    std::cerr << "acmsim check: " << selection.error << "\n";
    return kBadInput;
  }
  const auto& files = selection.files;
  std::vector<Outcome> outcomes(files.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::string> internal(files.size());
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      try {
        outcomes[i] = check_one(files[i], args, *policy);
      } catch (const std::bad_alloc&) {
        // As on the main thread: the input's size, not a bug.
        outcomes[i].file = files[i];
        outcomes[i].status = Outcome::BadInput;
        outcomes[i].detail = files[i] + ":1:1: out of memory: the scenario needs more memory than this process may use (see --max-memory)";
      } catch (const std::exception& e) {
        internal[i] = e.what();  // reported like the main thread's, not std::terminate
      }
    }
  };
  const unsigned jobs = std::max(1U, std::min<unsigned>(args.jobs, static_cast<unsigned>(files.size())));
  std::vector<std::thread> pool;
  for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!internal[i].empty()) {
      std::cerr << "acmsim check: internal error in " << files[i] << ": " << internal[i] << "\n";
      return kInternal;
    }
  }

  std::size_t passed = 0;
  std::size_t failed = 0;
  bool bad = false;
  std::vector<bool> config_used(policy->config.suppressions.size(), false);
  for (const auto& o : outcomes) {
    for (const auto& w : o.warnings) std::cerr << w << "\n";
    for (std::size_t i = 0; i < o.config_used.size() && i < config_used.size(); ++i) config_used[i] = config_used[i] || o.config_used[i];
    switch (o.status) {
      case Outcome::Passed:
        ++passed;
        std::cout << "ok    " << o.name << " (" << o.file << ", " << o.expectations << (o.expectations == 1 ? " expectation)\n" : " expectations)\n");
        break;
      case Outcome::Failed:
        ++failed;
        std::cout << "FAIL  " << o.name << " (" << o.file << ")\n";
        for (const auto& f : o.failures) std::cout << "      " << f << "\n";
        break;
      case Outcome::BadInput:
        ++failed;
        bad = true;
        std::cout << "BAD   " << o.file << "\n";
        std::cerr << o.detail << "\n";
        break;
    }
  }
  for (const auto& w : stale_config_warnings(policy->config, config_used)) std::cerr << w << "\n";
  std::cout << passed << " passed, " << failed << " failed\n";
  if (bad) return kBadInput;  // no output file for bad input
  try {
    if (!args.junit.empty()) {
      const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
      report::write_file_atomically(args.junit, report::junit_xml(junit_cases(outcomes), total));
    }
    if (policy->create_baseline) {
      std::vector<BaselineScenario> entries;
      for (const auto& o : outcomes) {
        BaselineScenario b{o.name, o.file, {}};
        for (const auto& f : o.raised) {
          if (!f.suppressed) b.findings.push_back(f);
        }
        entries.push_back(std::move(b));
      }
      report::write_file_atomically(kBaselineFileName, baseline_text(entries));
      std::cerr << "acmsim check: wrote " << kBaselineFileName << " (use it with --baseline " << kBaselineFileName << ")\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "acmsim check: " << e.what() << "\n";
    return kBadInput;
  }
  return failed == 0 ? kOk : kFailed;
}

}  // namespace acmsim::cli
