#include "acmsim/report/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace acmsim::report {

namespace {

std::string reason() { return std::strerror(errno); }

/// Refuses targets that are not (or not yet) regular files: replacing
/// /dev/null as root, or writing through a planted symbolic link, must not happen.
void check_target(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;  // a new file
    throw std::runtime_error("cannot write " + path + ": " + reason());
  }
  if (S_ISREG(st.st_mode)) return;
  const char* what = S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO" : "a device";
  throw std::runtime_error("will not write " + path + ": it is " + std::string(what) + "; acmsim writes only regular files (or - for stdout)");
}

/// Writes `content` to a new private file beside `path`; returns its name.
std::string write_temporary(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string name = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + reason());
  // mkstemp makes the file private (0600); an output file gets the usual mode.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  bool ok = ::fchmod(fd, 0666 & ~mask) == 0;
  std::size_t done = 0;
  while (ok && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const std::string why = ok ? "" : reason();
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(name.c_str());
    throw std::runtime_error("cannot write " + path + ": " + (why.empty() ? reason() : why));
  }
  return name;
}

}  // namespace

void OutputFiles::add(const std::string& path, std::string content) {
  if (path != "-") check_target(path);
  files_.emplace_back(path, std::move(content));
}

void OutputFiles::commit() {
  std::vector<std::string> temporaries;
  try {
    for (const auto& [path, content] : files_) temporaries.push_back(path == "-" ? std::string() : write_temporary(path, content));
  } catch (...) {
    for (const auto& t : temporaries) {
      if (!t.empty()) ::unlink(t.c_str());
    }
    throw;
  }
  for (std::size_t i = 0; i < files_.size(); ++i) {
    const auto& [path, content] = files_[i];
    if (path == "-") {
      std::cout << content << std::flush;
      continue;
    }
    if (std::rename(temporaries[i].c_str(), path.c_str()) != 0) {
      const std::string why = reason();
      for (std::size_t j = i; j < temporaries.size(); ++j) {
        if (!temporaries[j].empty()) ::unlink(temporaries[j].c_str());
      }
      throw std::runtime_error("cannot write " + path + ": " + why);
    }
  }
  files_.clear();
}

void write_file_atomically(const std::string& path, std::string_view content) {
  OutputFiles out;
  out.add(path, std::string(content));
  out.commit();
}

}  // namespace acmsim::report
