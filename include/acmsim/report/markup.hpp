// Escaping for the markup acmsim writes (JUnit XML, SVG, HTML): one function,
// strict enough for XML 1.0.
#pragma once

#include <string>
#include <string_view>

namespace acmsim::report {

/// `s` as XML character data or an attribute value: & < > " ' escaped, and the
/// control characters XML 1.0 cannot hold (all below 0x20 but tab and newline)
/// replaced by a space.
std::string xml_escape(std::string_view s);

}  // namespace acmsim::report
