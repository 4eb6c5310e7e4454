// Compact trace records leave the pooled members out of their text and put
// them back where they stood: whatever the body's shape, a reader sees the
// body it was given.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include "acmsim/core/trace.hpp"

namespace acmsim::core {
namespace {

void expect_round_trip(const Json& body) {
  Trace full;
  Trace compact;
  compact.keep_compact(true);
  full.add(SimTime{7}, body);
  compact.add(SimTime{7}, body);
  const auto& a = full.records().at(0);
  const auto& b = compact.records().at(0);
  EXPECT_EQ(b.body().dump(), body.dump());
  EXPECT_EQ(b.type(), a.type());
  EXPECT_EQ(b.service(), a.service());
  EXPECT_EQ(b.resource(), a.resource());
}

TEST(TraceRecord, CompactBodiesReadBackWhereverThePooledMembersStand) {
  expect_round_trip(Json{{"type", "state"}, {"service", "acm"}, {"resource", "arn:x"}});
  expect_round_trip(Json{{"resource", "arn:x"}, {"service", "acm"}, {"type", "state"}});
  expect_round_trip(Json{{"a", 1}, {"resource", "r"}, {"b", {1, 2}}, {"type", "t"}, {"c", nullptr}});
  expect_round_trip(Json{{"change", "X"}, {"type", "state"}});
  expect_round_trip(Json{{"service", ""}, {"resource", "arn:\u00e9"}});
  expect_round_trip(Json::object());
}

TEST(TraceRecord, MembersThatAreNotStringsStayInTheText) {
  expect_round_trip(Json{{"type", 3}, {"service", {{"x", 1}}}, {"resource", "r"}});
  Trace compact;
  compact.keep_compact(true);
  compact.add(SimTime{0}, Json{{"type", 3}, {"resource", "r"}});
  EXPECT_EQ(compact.records().at(0).type(), "");
  EXPECT_EQ(compact.records().at(0).resource(), "r");
}

TEST(TraceRecord, RecordsThatAreNotObjectsAreKeptWhole) {
  expect_round_trip(Json::array({1, 2}));
  expect_round_trip(Json("text"));
}

void expect_spilled_records_read_back() {
  Trace compact;
  compact.keep_compact(true);
  for (int i = 0; i < 2000; ++i) compact.add(SimTime{i}, Json{{"type", "state"}, {"resource", "arn:" + std::to_string(i % 7)}, {"i", i}});
  // Read out of order, some twice: each body comes back from its own span.
  for (int i : {1999, 0, 1000, 7, 1999, 3}) {
    const auto& r = compact.records().at(static_cast<std::size_t>(i));
    EXPECT_EQ(r.body().value("i", -1), i);
    EXPECT_EQ(r.resource(), "arn:" + std::to_string(i % 7));
  }
  compact.add(SimTime{2000}, Json{{"type", "state"}, {"i", 2000}});  // written after a read
  EXPECT_EQ(compact.records().back().body().value("i", -1), 2000);
}

// A fleet run keeps millions of records: each byte of one is megabytes.
static_assert(sizeof(TraceRecord) <= 72);

TEST(TraceRecord, SpilledBodiesReadBackInAnyOrder) { expect_spilled_records_read_back(); }

TEST(TraceRecord, WithoutATemporaryFolderTheTextStaysInMemory) {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("TMPDIR", "/nonexistent/acmsim-test", 1);
  expect_spilled_records_read_back();
  if (old != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
}

TEST(TraceRecord, AFailedWriteKeepsEveryRecordReadable) {
  // A full disk, made by a file size limit: writes past 100 KiB fail (EFBIG
  // with SIGXFSZ ignored); the records before stay in the file, the rest
  // move to memory, and every one reads back.
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit small = saved;
  small.rlim_cur = 100 * 1024;
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  {
    Trace compact;
    compact.keep_compact(true);
    for (int i = 0; i < 6000; ++i) compact.add(SimTime{i}, Json{{"type", "state"}, {"resource", "arn:x"}, {"i", i}, {"pad", "0123456789"}});
    for (int i : {0, 1000, 2999, 5999, 4000}) EXPECT_EQ(compact.records().at(static_cast<std::size_t>(i)).body().value("i", -1), i);
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
}

}  // namespace
}  // namespace acmsim::core
