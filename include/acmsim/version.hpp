#pragma once

namespace acmsim {
inline constexpr const char* kVersion = "0.1.0";
}
