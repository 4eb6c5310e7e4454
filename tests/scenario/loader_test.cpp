// One test per class of bad input: where the error points and what it says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "acmsim/scenario/scenario.hpp"

using namespace acmsim::scenario;

namespace {

struct BadInput {
  const char* name;
  std::string text;
  int line;
  int column;
  const char* message_part;
};

std::string scenario_with_step(const std::string& step, const std::string& extra_top = "") {
  return "{\n  \"scenario\": \"t\",\n  \"start\": \"2026-03-01T00:00:00Z\",\n" + extra_top + "  \"steps\": [\n    " + step + "\n  ]\n}\n";
}

const std::string kRequest =
    R"({"at": "0s", "region": "us-east-1", "call": "acm:RequestCertificate", "params": {"DomainName": "a.example.com"}, "save": "c"})";

// Test names in ctest show the case, not its bytes.
void PrintTo(const BadInput& b, std::ostream* os) { *os << b.name; }

class LoaderRefuses : public ::testing::TestWithParam<BadInput> {};

TEST_P(LoaderRefuses, WithPositionAndMessage) {
  const BadInput& c = GetParam();
  try {
    parse_scenario(c.text, "bad.json");
    FAIL() << "accepted: " << c.text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.pos().line, c.line) << e.render();
    EXPECT_EQ(e.pos().column, c.column) << e.render();
    EXPECT_NE(std::string(e.what()).find(c.message_part), std::string::npos) << e.render();
    EXPECT_EQ(e.render().rfind("bad.json:" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": ", 0), 0U) << e.render();
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryClass, LoaderRefuses,
    ::testing::Values(
        BadInput{"SyntaxError", "{\n  \"scenario\": \"t\",\n  \"steps\": [}\n", 3, 13, "invalid JSON"},
        BadInput{"NotAnObject", "[]", 1, 1, "a scenario is a JSON object"},
        BadInput{"MissingSteps", "{\"scenario\": \"t\"}", 1, 1, "missing required member \"steps\""},
        BadInput{"BadName", "{\"scenario\": \"Big Name\", \"steps\": []}", 1, 14, "must match [a-z0-9][a-z0-9-]*"},
        BadInput{"UnknownTopLevel", scenario_with_step(kRequest, "  \"horizn\": \"1d\",\n"), 4, 13, "did you mean \"horizon\""},
        BadInput{"WrongTopLevelType", "{\"scenario\": \"t\", \"steps\": {}}", 1, 28, "\"steps\" must be an array"},
        BadInput{"NegativeSeed", scenario_with_step(kRequest, "  \"seed\": -1,\n"), 4, 11, "unsigned 64-bit integer"},
        BadInput{"FractionalSeed", scenario_with_step(kRequest, "  \"seed\": 1.5,\n"), 4, 11, "unsigned 64-bit integer"},
        BadInput{"BadAccount", scenario_with_step(kRequest, "  \"account\": \"12345\",\n"), 4, 14, "12-digit"},
        BadInput{"BadStart", "{\"scenario\": \"t\", \"start\": \"2026-03-01\", \"steps\": []}", 1, 28, "RFC 3339"},
        BadInput{"BadDuration", scenario_with_step(R"({"at": "90 days", "call": "route53:ListHostedZones"})"), 5, 12, "not a duration"},
        BadInput{"BareNumberDuration", scenario_with_step(R"({"at": 90, "call": "route53:ListHostedZones"})"), 5, 12, "must be a duration"},
        BadInput{"BadHorizon", scenario_with_step(kRequest, "  \"horizon\": \"forever\",\n"), 4, 14, "not a duration"},
        BadInput{"StepAfterHorizon", scenario_with_step(R"({"at": "2d", "call": "route53:ListHostedZones"})", "  \"horizon\": \"1d\",\n"), 6, 12,
                 "after the horizon"},
        BadInput{"TimestampBeforeStart", scenario_with_step(R"({"at": "2025-01-01T00:00:00Z", "call": "route53:ListHostedZones"})"), 5, 12,
                 "before the scenario's start"},
        BadInput{"NoKind", scenario_with_step(R"({"at": "0s"})"), 5, 5, "exactly one of"},
        BadInput{"TwoKinds", scenario_with_step(R"({"at": "0s", "call": "route53:ListHostedZones", "expect": {}})"), 5, 5, "this one has 2"},
        BadInput{"UnknownStepMember", scenario_with_step(R"({"at": "0s", "call": "route53:ListHostedZones", "sav": "x"})"), 5, 60,
                 "did you mean \"save\""},
        BadInput{"UnknownService", scenario_with_step(R"({"at": "0s", "call": "acn:RequestCertificate"})"), 5, 26, "unknown service \"acn\""},
        BadInput{"UnknownOperation", scenario_with_step(R"({"at": "0s", "region": "us-east-1", "call": "acm:RequestCertificates"})"), 5, 49,
                 "nearest acm operations: RequestCertificate"},
        BadInput{"NotServiceColonOperation", scenario_with_step(R"({"at": "0s", "call": "RequestCertificate"})"), 5, 26, "not \"service:Operation\""},
        BadInput{"MissingRegion", scenario_with_step(R"({"at": "0s", "call": "acm:ListCertificates"})"), 5, 5, "add \"region\""},
        BadInput{"RegionOnGlobal", scenario_with_step(R"({"at": "0s", "region": "us-east-1", "call": "route53:ListHostedZones"})"), 5, 28,
                 "remove \"region\""},
        BadInput{"UnknownRegion", scenario_with_step(R"({"at": "0s", "region": "eu-west-9", "call": "acm:ListCertificates"})"), 5, 28,
                 "nearest known regions: eu-west-1"},
        BadInput{"MissingRequiredParam", scenario_with_step(R"({"at": "0s", "region": "us-east-1", "call": "acm:RequestCertificate", "params": {}})"),
                 5, 85, "missing required member \"DomainName\""},
        BadInput{"UnknownParam",
                 scenario_with_step(
                     R"({"at": "0s", "region": "us-east-1", "call": "acm:DescribeCertificate", "params": {"CertificateArn": "x", "Arn": "y"}})"),
                 5, 117, "unknown member \"Arn\""},
        BadInput{"WrongParamType",
                 scenario_with_step(R"({"at": "0s", "region": "us-east-1", "call": "acm:RequestCertificate", "params": {"DomainName": 7}})"), 5, 100,
                 "expected a string, found an integer"},
        BadInput{"NestedWrongType",
                 scenario_with_step(
                     R"({"at": "0s", "call": "route53:ChangeResourceRecordSets", "params": {"HostedZoneId": "Z", "ChangeBatch": {"Changes": {}}}})"),
                 5, 121, "expected an array"},
        BadInput{
            "UnknownReference",
            scenario_with_step(
                R"({"at": "0s", "region": "us-east-1", "call": "acm:DescribeCertificate", "params": {"CertificateArn": "${nothing.CertificateArn}"}})"),
            5, 105, "no earlier step saves \"nothing\""},
        BadInput{
            "ReferenceSavedLater",
            scenario_with_step(
                R"({"at": "0s", "region": "us-east-1", "call": "acm:DescribeCertificate", "params": {"CertificateArn": "${c.CertificateArn}"}}, )" +
                std::string(
                    R"({"at": "1m", "region": "us-east-1", "call": "acm:RequestCertificate", "params": {"DomainName": "a.example.com"}, "save": "c"})")),
            5, 105, "no earlier step saves \"c\""},
        BadInput{"ReferenceToAMemberTheResponseLacks",
                 scenario_with_step(
                     kRequest + std::string(", ") +
                     R"({"at": "1m", "region": "us-east-1", "call": "acm:DescribeCertificate", "params": {"CertificateArn": "${c.CertArn}"}})"),
                 5, 232, "${c.CertArn}: the response of acm:RequestCertificate (saved as \"c\") has no member \"CertArn\"; it has: CertificateArn"},
        BadInput{
            "MalformedReference",
            scenario_with_step(R"({"at": "0s", "region": "us-east-1", "call": "acm:DescribeCertificate", "params": {"CertificateArn": "${c.Arn"}})"),
            5, 105, "unterminated reference"},
        BadInput{"UnknownSetting", scenario_with_step(kRequest, "  \"settings\": {\"acm.validationTimeOut\": \"1h\"},\n"), 4, 41,
                 "did you mean \"acm.validationTimeout\""},
        BadInput{"BadSettingValue", scenario_with_step(kRequest, "  \"settings\": {\"acm.validationTimeout\": 72},\n"), 4, 41,
                 "expected a duration string"},
        BadInput{
            "WriteCallInExpectation",
            scenario_with_step(
                R"({"at": "0s", "expect": {"call": "acm:DeleteCertificate", "region": "us-east-1", "params": {"CertificateArn": "x"}, "matches": {}}})"),
            5, 37, "read-only"},
        BadInput{"ExpectationWithoutMatches", scenario_with_step(R"({"at": "0s", "expect": {"call": "route53:ListHostedZones"}})"), 5, 28,
                 "needs \"matches\""},
        BadInput{"InvalidUtf8", "{\"scenario\": \"t\", \"description\": \"\xff\", \"steps\": []}", 1, 35, "UTF-8"},
        BadInput{"DuplicateKey", "{\"scenario\": \"t\", \"steps\": [], \"steps\": []}", 1, 32, "duplicate member"},
        BadInput{"Empty", "", 1, 1, "the file is empty"},
        BadInput{"RunPastYear9989", "{\"scenario\": \"t\", \"start\": \"9989-12-01T00:00:00Z\", \"horizon\": \"60d\", \"steps\": []}", 1, 63,
                 "RFC 3339 cannot write"},
        BadInput{"SuppressNotAnArray", scenario_with_step(kRequest, "  \"suppress\": {},\n"), 4, 15, "\"suppress\" is an array"},
        BadInput{"SuppressUnknownRule",
                 scenario_with_step(kRequest, "  \"suppress\": [{\"rule\": \"certificate-not-in-us\", \"resource\": \"*\", \"reason\": \"r\"}],\n"),
                 4, 25, "did you mean \"certificate-not-in-use\""},
        BadInput{"SuppressWithoutReason",
                 scenario_with_step(kRequest, "  \"suppress\": [{\"rule\": \"certificate-not-in-use\", \"resource\": \"*\"}],\n"), 4, 16,
                 "a suppression needs \"reason\""},
        BadInput{"SuppressBlankReason",
                 scenario_with_step(kRequest, "  \"suppress\": [{\"rule\": \"certificate-not-in-use\", \"resource\": \"*\", \"reason\": \"  \"}],\n"),
                 4, 78, "must say why"},
        BadInput{
            "SuppressUnknownMember",
            scenario_with_step(
                kRequest, "  \"suppress\": [{\"rule\": \"certificate-not-in-use\", \"resource\": \"*\", \"reason\": \"r\", \"until\": \"1d\"}],\n"),
            4, 92, "unknown member \"until\" in a suppression"},
        BadInput{"StepIdBadPattern", scenario_with_step(R"({"at": "0s", "id": "Delete CNAME", "call": "route53:ListHostedZones"})"), 5, 24,
                 "must match [a-z0-9][a-z0-9-]*"},
        BadInput{"StepIdTwice",
                 scenario_with_step(
                     R"({"at": "0s", "id": "a", "call": "route53:ListHostedZones"}, {"at": "0s", "id": "a", "call": "route53:ListHostedZones"})"),
                 5, 84, "already the id of step 0"},
        BadInput{"FindingsSuppressedNotBoolean", scenario_with_step(R"({"at": "0s", "expect": {"findings": {"suppressed": "yes"}, "count": 0}})"), 5,
                 56, "\"suppressed\" is true or false"},
        BadInput{"ProbeWithoutFrom", scenario_with_step(R"({"at": "0s", "probe": {"name": "p", "url": "https://a.example.com/"}})"), 5, 27,
                 "a probe needs \"from\""},
        BadInput{"ProbeBadUrl", scenario_with_step(R"({"at": "0s", "probe": {"name": "p", "url": "http://a.example.com/", "from": ["us-east-1"]}})"),
                 5, 48, "must start with https://"},
        BadInput{"ProbeUnknownRegion",
                 scenario_with_step(R"({"at": "0s", "probe": {"name": "p", "url": "https://a.example.com/", "from": ["us-east-7"]}})"), 5, 83,
                 "unknown region \"us-east-7\""},
        BadInput{"ProbeUntilWithoutEvery",
                 scenario_with_step(R"({"at": "0s", "probe": {"name": "p", "url": "https://a.example.com/", "from": ["us-east-1"], "until": "1d"}})"),
                 5, 106, "needs \"every\""},
        BadInput{"ExpectUnknownProbe", scenario_with_step(R"({"at": "0s", "expect": {"probe": "nope", "last": {"outcome": "OK"}}})"), 5, 38,
                 "no probe step is named \"nope\""},
        BadInput{
            "ExpectUnknownOutcome",
            scenario_with_step(
                R"({"at": "0s", "probe": {"name": "p", "url": "https://a.example.com/", "from": ["us-east-1"]}}, {"at": "0s", "expect": {"probe": "p", "last": {"outcome": "EXPIRED"}}})"),
            5, 157, "did you mean \"CERT_EXPIRED\""},
        BadInput{
            "ExpectAvailabilityOutOfRange",
            scenario_with_step(
                R"({"at": "0s", "probe": {"name": "p", "url": "https://a.example.com/", "from": ["us-east-1"]}}, {"at": "0s", "expect": {"probe": "p", "availability": {"min": 1.5}}})"),
            5, 161, "from 0 to 1"},
        BadInput{
            "TooManyProbeAttempts",
            scenario_with_step(
                R"({"at": "0s", "probe": {"name": "p", "url": "https://a.example.com/", "from": ["us-east-1"], "every": "1ms", "until": "1d"}})"),
            5, 27, "probe.maxAttempts"}),
    [](const ::testing::TestParamInfo<BadInput>& p) { return std::string(p.param.name); });

TEST(LoaderFiles, MissingFileDirectoryAndOversizedFileAreInputErrors) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "acmsim-loader-test";
  fs::create_directories(dir);
  EXPECT_THROW(load_scenario((dir / "nope.json").string()), InputError);
  try {
    load_scenario(dir.string());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos);
    EXPECT_EQ(e.pos().line, 1);
  }
  const fs::path big = dir / "big.json";
  std::ofstream(big) << std::string(2048, ' ') << "{}";
  LoadLimits small;
  small.max_file_bytes = 1024;
  try {
    load_scenario(big.string(), small);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--max-file-size"), std::string::npos);
  }
  fs::remove_all(dir);
}

TEST(LoaderLimits, StepsAndHorizonAreCapped) {
  LoadLimits l;
  l.max_steps = 1;
  EXPECT_THROW(parse_scenario(scenario_with_step(kRequest + ", " + kRequest), "x.json", l), InputError);
  l = LoadLimits{};
  EXPECT_THROW(parse_scenario(scenario_with_step(kRequest, "  \"horizon\": \"40000d\",\n"), "x.json", l), InputError);
}

TEST(Loader, AcceptsAWellFormedScenarioWithDefaults) {
  const Scenario s = parse_scenario(scenario_with_step(kRequest), "ok.json");
  EXPECT_EQ(s.name, "t");
  EXPECT_EQ(s.seed, 1U);
  EXPECT_EQ(s.account, "111122223333");
  EXPECT_EQ(s.horizon.ms, 0) << "no horizon: the latest step";
  ASSERT_EQ(s.steps.size(), 1U);
  EXPECT_EQ(s.steps[0].line, 5);
}

}  // namespace
