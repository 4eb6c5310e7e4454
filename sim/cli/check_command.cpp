#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <thread>

#include "acmsim/report/run_report.hpp"
#include "commands.hpp"

namespace acmsim::cli {

namespace {

struct Outcome {
  std::string file;
  std::string name;
  enum { Passed, Failed, BadInput } status = Passed;
  std::string detail;
  std::size_t expectations = 0;
};

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
    if (!r.passed()) {
      o.status = Outcome::Failed;
      for (const auto& e : r.expectations) {
        if (!e.passed) {
          o.detail = file + ":" + std::to_string(e.line) + ": " + e.message;
          break;
        }
      }
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
        if (it->is_regular_file() && it->path().extension() == ".json") found.push_back(it->path().string());
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
  if (bad) return kBadInput;
  return failed == 0 ? kOk : kFailed;
}

}  // namespace acmsim::cli
