#include "acmsim/report/junit.hpp"
#include "acmsim/report/markup.hpp"

#include <cstdio>
#include <sstream>

namespace acmsim::report {

namespace {

// Microseconds: a small scenario runs in well under a millisecond, and a
// time of 0.000 would read as "not measured".
std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", s);
  return buf;
}

}  // namespace

std::string junit_xml(const std::vector<JUnitCase>& cases, double total_seconds) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const auto& c : cases) {
    failures += c.error.empty() && !c.failures.empty() ? 1 : 0;
    errors += c.error.empty() ? 0 : 1;
  }
  const std::string counts =
      "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\"";
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"acmsim\" " << counts << " time=\"" << seconds(total_seconds) << "\">\n";
  x << "  <testsuite name=\"acmsim check\" " << counts << " skipped=\"0\" time=\"" << seconds(total_seconds) << "\">\n";
  for (const auto& c : cases) {
    x << "    <testcase name=\"" << xml_escape(c.name) << "\" classname=\"" << xml_escape(c.classname) << "\" file=\"" << xml_escape(c.file)
      << "\" time=\"" << seconds(c.seconds) << "\">\n";
    if (!c.properties.empty()) {
      x << "      <properties>\n";
      for (const auto& p : c.properties) x << "        <property name=\"finding\" value=\"" << xml_escape(p) << "\"/>\n";
      x << "      </properties>\n";
    }
    if (!c.error.empty()) {
      x << "      <error message=\"" << xml_escape(c.error) << "\" type=\"bad-input\">" << xml_escape(c.error) << "</error>\n";
    } else if (!c.failures.empty()) {
      std::string text;
      for (const auto& f : c.failures) text += f + "\n";
      x << "      <failure message=\"" << xml_escape(c.failures.front()) << "\" type=\"expectation\">" << xml_escape(text) << "</failure>\n";
    }
    x << "    </testcase>\n";
  }
  x << "  </testsuite>\n</testsuites>\n";
  return x.str();
}

}  // namespace acmsim::report
