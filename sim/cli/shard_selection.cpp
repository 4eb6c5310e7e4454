// Which slice of a study this process runs: --shard I/N, or the array index a
// batch scheduler gives each task (Slurm, Kubernetes Indexed Jobs, AWS Batch).
#include <cstdlib>
#include <string>

#include "commands.hpp"

namespace acmsim::cli {

namespace {

std::optional<std::size_t> env_number(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  std::size_t n = 0;
  for (const char* p = v; *p != '\0'; ++p) {
    if (*p < '0' || *p > '9' || n > 100'000'000) return SIZE_MAX;  // caught as out of range below
    n = n * 10 + static_cast<std::size_t>(*p - '0');
  }
  return n;
}

}  // namespace

std::optional<study::Shard> select_shard(const std::string& flag, std::optional<std::size_t> count_option, std::string& source, std::string& error) {
  auto check = [&](std::size_t index, std::size_t count, const std::string& from) -> std::optional<study::Shard> {
    if (count == 0 || count > 1'000'000 || index >= count) {
      error = from + ": shard index " + std::to_string(index) + " of " + std::to_string(count) +
              " is out of range (the index counts from 0, below the count)";
      return std::nullopt;
    }
    source = from;
    return study::Shard{index, count};
  };
  if (!flag.empty()) {
    const auto slash = flag.find('/');
    std::size_t i = 0;
    std::size_t n = 0;
    try {
      std::size_t used = 0;
      i = std::stoul(flag.substr(0, slash), &used);
      if (slash == std::string::npos || used != slash) throw std::invalid_argument("shard");
      n = std::stoul(flag.substr(slash + 1), &used);
      if (used != flag.size() - slash - 1) throw std::invalid_argument("shard");
    } catch (const std::exception&) {
      error = "--shard '" + flag + "' is not I/N (for example 0/4: the first of four slices)";
      return std::nullopt;
    }
    return check(i, n, "--shard");
  }
  if (auto id = env_number("SLURM_ARRAY_TASK_ID")) {
    auto count = env_number("SLURM_ARRAY_TASK_COUNT");
    if (!count) count = count_option;
    if (!count) {
      error = "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shard-count";
      return std::nullopt;
    }
    const std::size_t min = env_number("SLURM_ARRAY_TASK_MIN").value_or(0);
    if (*id < min) {
      error = "SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN";
      return std::nullopt;
    }
    return check(*id - min, *count, "Slurm job array (SLURM_ARRAY_TASK_ID)");
  }
  if (auto index = env_number("JOB_COMPLETION_INDEX")) {
    if (!count_option) {
      error = "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set: give --shard-count with the Job's completions";
      return std::nullopt;
    }
    return check(*index, *count_option, "Kubernetes Indexed Job (JOB_COMPLETION_INDEX)");
  }
  if (auto index = env_number("AWS_BATCH_JOB_ARRAY_INDEX")) {
    auto count = env_number("AWS_BATCH_JOB_ARRAY_SIZE");
    if (!count) count = count_option;
    if (!count) {
      error = "AWS_BATCH_JOB_ARRAY_INDEX is set but AWS_BATCH_JOB_ARRAY_SIZE is not: give --shard-count";
      return std::nullopt;
    }
    return check(*index, *count, "AWS Batch array job (AWS_BATCH_JOB_ARRAY_INDEX)");
  }
  if (count_option) {
    error = "--shard-count needs an index: --shard I/N, or a job array's index variable";
    return std::nullopt;
  }
  source = "";
  return study::Shard{};
}

}  // namespace acmsim::cli
