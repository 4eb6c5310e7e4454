// Output files are written whole or not at all, and only where a regular file
// may be: each goes to a private temporary file (mkstemp) beside its target,
// then every output of one command is renamed into place together.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acmsim::report {

class OutputFiles {
 public:
  OutputFiles();
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;
  /// Removes the temporary files of anything not committed.
  ~OutputFiles();

  /// Stages `content` for `path` ("-" is stdout). Throws std::runtime_error at
  /// once when the target is a device, a directory, a FIFO or a symbolic link:
  /// acmsim replaces only regular files.
  void add(const std::string& path, std::string content);
  /// Opens `path`'s temporary file at once, for output written as it is made
  /// (a trace of millions of records is never held in memory); commit() puts
  /// it in place with the others. "-": a private unlinked file, copied to
  /// stdout at commit. Throws like add().
  std::ostream& stream(const std::string& path);
  /// Writes every staged file to its temporary file, then renames them all; if
  /// any cannot be written, none is renamed and every temporary file is removed.
  /// Throws std::runtime_error with the reason.
  void commit();

 private:
  struct Streamed;
  std::vector<std::pair<std::string, std::string>> files_;
  std::vector<std::unique_ptr<Streamed>> streams_;
};

/// One output file, whole or not at all (an OutputFiles of one).
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace acmsim::report
