#include "acmsim/model/changes.hpp"

namespace acmsim::model {

namespace {
thread_local std::vector<std::uint64_t>* active_log = nullptr;
}  // namespace

ReadLog::ReadLog(std::vector<std::uint64_t>& into) : previous_(active_log) { active_log = &into; }
ReadLog::~ReadLog() { active_log = previous_; }
void ReadLog::replay(const std::vector<std::uint64_t>& keys) {
  if (active_log != nullptr) active_log->insert(active_log->end(), keys.begin(), keys.end());
}
bool ReadLog::active() { return active_log != nullptr; }
void ReadLog::note(Part part, std::uint64_t key) {
  if (active_log != nullptr) active_log->push_back(read_key(part, key));
}

}  // namespace acmsim::model
