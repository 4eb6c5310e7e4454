// JUnit XML, the format CI systems read test results in: one test case per
// scenario, with its wall time, its findings as properties, and its failures.
#pragma once

#include <string>
#include <vector>

namespace acmsim::report {

struct JUnitCase {
  std::string name;
  std::string classname;
  std::string file;
  double seconds = 0;
  std::vector<std::string> properties;  // "finding" properties
  std::vector<std::string> failures;    // empty: passed
  std::string error;                    // non-empty: bad input (a JUnit error, not a failure)
};

std::string junit_xml(const std::vector<JUnitCase>& cases, double total_seconds);

}  // namespace acmsim::report
