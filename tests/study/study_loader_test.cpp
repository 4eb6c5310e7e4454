// Study files: what is accepted, and where each mistake is reported.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "acmsim/study/study.hpp"
#include "study_files.hpp"

using namespace acmsim;

namespace {

using acmsim::test_support::write_study;

const std::string kBase = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/whatif/renewal-cycle-under-faults.json";

std::string study_with(const std::string& parameters, const std::string& metrics = R"([{"name": "n", "kind": "renewals"}])") {
  return R"({"study": "t", "base": ")" + kBase + R"(", "replications": 3,
  "parameters": )" +
         parameters + R"(,
  "metrics": )" +
         metrics + "}";
}

/// The rendered error of loading `text`, or "" when it loads.
std::string error_of(const std::string& text) {
  const std::string path = write_study("s.study.json", text);
  try {
    (void)study::load_study(path);
  } catch (const scenario::InputError& e) {
    return e.render();
  }
  return "";
}

}  // namespace

TEST(StudyLoader, LoadsGridsDistributionsMetricsAndTheAnalyticModel) {
  const std::string path = write_study("ok.study.json", R"({
  "study": "ok", "base": ")" + kBase + R"(", "seed": 9, "replications": 12,
  "parameters": [
    {"name": "p", "setting": "faults.renewalAttemptFailure", "values": [0.1, 0.2], "labels": ["low", "high"]},
    {"name": "at", "pointer": "/steps/9/at", "distribution": {"type": "uniform", "min": "1d", "max": "2d"}},
    {"name": "probe", "pointer": "/steps/8", "values": [true, 0.5]}
  ],
  "metrics": [{"name": "a", "kind": "probeAvailability", "probe": "pets", "from": "eu-west-1"}, {"name": "e", "kind": "expiries"}],
  "quantiles": [0.1, 0.9],
  "analytic": {"model": "renewal-markov", "renewalLeadDays": 45, "window": "30d", "compare": {"e": "expiryProbability"}}
})");
  const auto st = study::load_study(path);
  EXPECT_EQ(st.name, "ok");
  EXPECT_EQ(st.seed, 9U);
  EXPECT_EQ(st.replications, 12U);
  ASSERT_EQ(st.parameters.size(), 3U);
  EXPECT_EQ(st.parameters[0].labels[1], "high");
  EXPECT_TRUE(st.parameters[1].distribution->durations);
  EXPECT_DOUBLE_EQ(st.parameters[1].distribution->b, 2 * 86'400'000.0);
  EXPECT_TRUE(st.parameters[2].step_switch);
  ASSERT_TRUE(st.analytic);
  EXPECT_EQ(st.analytic->compare[0].second, "expiryProbability");
  EXPECT_EQ(st.quantiles, (std::vector<double>{0.1, 0.9}));
}

TEST(StudyLoader, EachMistakeSaysWhereAndWhatWouldBeValid) {
  struct Case {
    std::string text;
    std::string expect;  // a part of the message
  };
  const std::vector<Case> cases = {
      {study_with(R"([{"name": "p", "setting": "faults.renewalAttemptFailur", "values": [0.1]}])"), "did you mean \"faults.renewalAttemptFailure\""},
      {study_with(R"([{"name": "p", "setting": "faults.renewalAttemptFailure", "values": [1.5]}])"), "expected a number from 0"},
      {study_with(R"([{"name": "p", "setting": "acm.validationTimeout", "values": ["soon"]}])"), "is not a duration"},
      {study_with(R"([{"name": "p", "pointer": "/steps/99/at", "values": ["1d"]}])"), "is not an index of an array of 11"},
      {study_with(R"([{"name": "p", "pointer": "steps/1", "values": [true]}])"), "is not a JSON Pointer"},
      {study_with(R"([{"name": "p", "pointer": "/steps/delete-cname/at", "values": ["1d"]}])"),
       "no step of the base scenario has the id \"delete-cname\"; its steps have no ids"},
      {study_with(R"([{"name": "p", "pointer": "/steps/1", "values": ["yes"]}])"), "takes true (the step runs)"},
      {study_with(R"([{"name": "p", "pointer": "/steps/1", "distribution": {"type": "uniform", "min": 0, "max": 1}}])"), "takes a bernoulli"},
      {study_with(R"([{"name": "p", "pointer": "/horizon", "distribution": {"type": "gauss"}}])"), "unknown distribution \"gauss\""},
      {study_with(R"([{"name": "p", "pointer": "/horizon", "distribution": {"type": "uniform", "min": "1d", "max": 3}}])"),
       "mix of durations and numbers"},
      {study_with(R"([{"name": "p", "pointer": "/horizon", "values": ["1d"], "distribution": {"type": "bernoulli", "p": 0.5}}])"),
       "exactly one of \"values\""},
      {study_with(
           R"([{"name": "p", "pointer": "/horizon", "values": ["1d"]}, {"name": "p", "pointer": "/start", "values": ["2026-01-01T00:00:00Z"]}])"),
       "used twice"},
      {study_with("[]", R"([{"name": "a", "kind": "probeAvailability", "probe": "pet"}])"), "no probe named \"pet\" (did you mean \"pets\"?)"},
      {study_with("[]", R"([{"name": "a", "kind": "renewal"}])"), "did you mean \"renewals\""},
      {study_with("[]", R"([{"name": "a", "kind": "renewals"}, {"name": "d", "kind": "difference", "of": "renewal", "minus": "a"}])"),
       "\"renewal\" is no measured metric of this study; measured: a"},
      {study_with("[]", R"([{"name": "a", "kind": "renewals"}, {"name": "d", "kind": "ratio", "of": "a"}])"), "give either \"over\""},
      {study_with("[]", R"([{"name": "a", "kind": "renewals"}, {"name": "d", "kind": "ratio", "of": "a", "reference": {"x": 1}}])"),
       "\"x\" is no grid parameter"},
      {study_with("[]", R"([{"name": "a", "kind": "probeAvailability", "probe": "pets", "from": "ap-south-1"}])"),
       "probe \"pets\" makes no attempt from ap-south-1, so this metric would be undefined in every run"},
      {study_with("[]", R"([{"name": "a", "kind": "findings", "rule": "validation-record-gone"}])"), "unknown rule"},
      {study_with("[]", R"([{"name": "a", "kind": "statusHours", "status": "EXPIRD"}])"), "did you mean \"EXPIRED\""},
      {study_with("[]", R"([{"name": "a", "kind": "events", "region": "eu-west-1", "pattern": {"source": "aws.acm"}}])"), "event pattern is refused"},
      {study_with("[]", R"([{"name": "a", "kind": "events", "region": "eu-wst-1"}])"), "unknown region"},
      {study_with("[]", "[]"), "non-empty array"},
      {R"({"study": "t", "base": "nowhere.json", "parameters": [], "metrics": [{"name": "n", "kind": "renewals"}]})",
       "cannot read the base scenario"},
      {R"({"study": "t", "base": {"scenario": "x"}, "parameters": [], "metrics": [{"name": "n", "kind": "renewals"}]})",
       "missing required member \"steps\""},
      {R"({"study": "t", "bsae": 1})", "unknown member \"bsae\""},
      {R"({"study": "t", "base": ")" + kBase + R"(", "replications": 0, "parameters": [], "metrics": []})", "expected an integer from 1"},
      {"{\"study\": \"t\",}", "invalid JSON"},
      {R"({"scenario": "x", "steps": []})", "this is a scenario, not a study"},
  };
  for (const auto& c : cases) {
    const std::string err = error_of(c.text);
    EXPECT_NE(err.find(c.expect), std::string::npos) << "expected '" << c.expect << "' in: " << err;
    EXPECT_NE(err.find(".json:"), std::string::npos) << err;
  }
}

TEST(StudyLoader, PositionsPointAtTheOffendingValue) {
  const std::string text = "{\"study\": \"t\", \"base\": \"" + kBase +
                           "\",\n \"parameters\": [\n  {\"name\": \"p\", \"setting\": \"faults.renewalAttemptFailure\", \"values\": [0.1, 7]}\n ],\n"
                           " \"metrics\": [{\"name\": \"n\", \"kind\": \"renewals\"}]}";
  const std::string err = error_of(text);
  EXPECT_NE(err.find("s.study.json:3:"), std::string::npos) << err;
  EXPECT_NE(err.find("$.parameters[0].values[1]"), std::string::npos) << err;
}

TEST(StudyLoader, StepsCanBeAddressedByTheirId) {
  const std::string base = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/whatif/validation-record-deleted.json";
  const std::string path = write_study("ids.study.json", R"({
  "study": "ids", "base": ")" + base + R"(", "replications": 2,
  "parameters": [{"name": "drop", "pointer": "/steps/delete-validation-cname", "values": [true, false]},
                 {"name": "at", "pointer": "/steps/delete-validation-cname/at", "values": ["100d"]}],
  "metrics": [{"name": "n", "kind": "renewals"}]
})");
  const auto st = study::load_study(path);
  EXPECT_EQ(st.parameters[0].pointer, "/steps/10");
  EXPECT_TRUE(st.parameters[0].step_switch);
  EXPECT_EQ(st.parameters[1].pointer, "/steps/10/at");
  const std::string wrong = error_of(R"({"study": "t", "base": ")" + base + R"(", "replications": 2,
  "parameters": [{"name": "p", "pointer": "/steps/delete-cname", "values": [true]}], "metrics": [{"name": "n", "kind": "renewals"}]})");
  EXPECT_NE(wrong.find("step ids: delete-validation-cname"), std::string::npos) << wrong;
}

// A study comes from a pull request: its base may not reach outside the study's
// folder, by path or by symbolic link, unless the command line names it.
TEST(StudyLoader, BaseStaysInsideTheStudysFolder) {
  const std::string outside = std::string(ACMSIM_SOURCE_DIR) + "/scenarios/exam/acm-dns-validation.json";
  const std::string tail = R"(", "replications": 2, "parameters": [], "metrics": [{"name": "n", "kind": "renewals"}]})";
  for (const std::string& base : {outside, std::string("../") + "x.json", std::string("/etc/passwd")}) {
    const std::string err = error_of(R"({"study": "t", "base": ")" + base + tail);
    EXPECT_NE(err.find("is outside the study's folder"), std::string::npos) << base << ": " << err;
    EXPECT_NE(err.find("--base FILE"), std::string::npos) << err;
    EXPECT_EQ(err.find("root:"), std::string::npos) << "no byte of the file is shown: " << err;
  }
  const auto folder = acmsim::test_support::study_folder();
  std::filesystem::remove(folder / "link.json");
  std::filesystem::create_symlink(outside, folder / "link.json");
  const std::string err = error_of(R"({"study": "t", "base": "link.json)" + tail);
  EXPECT_NE(err.find("is outside the study's folder"), std::string::npos) << err;
  // Named on the command line, it is the user's choice.
  study::StudyLimits limits;
  limits.base_override = outside;
  const auto st = study::load_study(write_study("o.study.json", R"({"study": "t", "base": "link.json)" + tail), limits);
  EXPECT_EQ(st.base_file, outside);
}
