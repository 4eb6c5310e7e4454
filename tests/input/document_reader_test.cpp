// The checks every loader shares: unknown members and regions are refused at
// their position with what would be valid and the nearest valid name.
#include <gtest/gtest.h>

#include <functional>

#include "acmsim/core/suggest.hpp"
#include "acmsim/input/document_reader.hpp"

namespace acmsim::input {
namespace {

InputError error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no InputError";
  return InputError("", {}, "", "");
}

TEST(DocumentReader, UnknownMembersAreRefusedAtTheMemberWithTheNearestName) {
  const auto doc = parse_json_with_positions("{\n  \"scenario\": \"x\",\n  \"setings\": {}\n}");
  const DocumentReader r(doc, "f.json");
  const auto e = error_of([&] { r.check_members(doc.root, "", {"scenario", "settings", "steps"}, "at the top level"); });
  EXPECT_EQ(e.render(),
            "f.json:3:14: unknown member \"setings\" at the top level; valid members: scenario, settings, steps (did you mean \"settings\"?) "
            "(at $.setings)");
}

TEST(DocumentReader, RegionsAreLookedUpOrRefusedWithTheNearestCodes) {
  const auto doc = parse_json_with_positions(R"({"region": "eu-west-9"})");
  const DocumentReader r(doc, "f.json");
  EXPECT_EQ(model::region_code(r.region("eu-west-1", "/region")), "eu-west-1");
  const auto e = error_of([&] { (void)r.region("eu-west-9", "/region"); });
  EXPECT_NE(std::string(e.what()).find("unknown region \"eu-west-9\"; nearest known regions: eu-west-1"), std::string::npos) << e.what();
  EXPECT_EQ(e.pos().column, 12);
}

TEST(DidYouMean, SuggestsOnlyWhatIsCloseEnough) {
  const std::vector<std::string_view> names{"ISSUED", "PENDING_VALIDATION", "EXPIRED"};
  EXPECT_EQ(core::did_you_mean("ISUED", names), " (did you mean \"ISSUED\"?)");
  EXPECT_EQ(core::did_you_mean("REVOKED", names), "");
  EXPECT_EQ(core::did_you_mean("PENDING", names, core::Closeness::Close, /*containing=*/true), " (did you mean \"PENDING_VALIDATION\"?)");
  EXPECT_EQ(core::did_you_mean("PENDING", names), "");
  EXPECT_EQ(core::join_names(names), "ISSUED, PENDING_VALIDATION, EXPIRED");
}

}  // namespace
}  // namespace acmsim::input
