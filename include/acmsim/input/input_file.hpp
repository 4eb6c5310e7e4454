// Reading an input file whole, with the checks every reader needs: it exists,
// is a regular file (not a FIFO or a device that could block or never end),
// and is no larger than the limit the command gives.
#pragma once

#include <cstdint>
#include <string>

#include "acmsim/input/document_reader.hpp"

namespace acmsim::input {

/// The bytes of `path`: it must exist, be a regular file and hold at most
/// `max_bytes` bytes. Throws InputError (at 1:1) saying which, and for the size
/// what raises it: an option ("--max-file-size"), or a reason in words.
std::string read_input_file(const std::string& path, std::uint64_t max_bytes, const std::string& raise_with = "--max-file-size");

}  // namespace acmsim::input
