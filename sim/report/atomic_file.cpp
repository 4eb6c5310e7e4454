#include "acmsim/report/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ext/stdio_filebuf.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
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

/// A new private file beside `path` (mkstemp), with the usual mode; its
/// descriptor, and its name in `name`.
int open_temporary(const std::string& path, std::string& name) {
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  name = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + reason());
  // mkstemp makes the file private (0600); an output file gets the usual mode.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) {
    const std::string why = reason();
    ::close(fd);
    ::unlink(name.c_str());
    throw std::runtime_error("cannot write " + path + ": " + why);
  }
  return fd;
}

/// Writes `content` to a new private file beside `path`; returns its name.
std::string write_temporary(const std::string& path, const std::string& content) {
  std::string name;
  const int fd = open_temporary(path, name);
  bool ok = true;
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

/// A file written as it is made: its temporary file and the stream onto it.
struct OutputFiles::Streamed {
  std::string path;
  std::string temporary;  // "" for stdout (the file is unlinked at once)
  int fd = -1;
  std::unique_ptr<__gnu_cxx::stdio_filebuf<char>> buf;
  std::unique_ptr<std::ostream> out;
};

OutputFiles::OutputFiles() = default;

OutputFiles::~OutputFiles() {
  for (const auto& s : streams_) {
    s->out.reset();
    s->buf.reset();  // closes the descriptor
    if (!s->temporary.empty()) ::unlink(s->temporary.c_str());
  }
}

std::ostream& OutputFiles::stream(const std::string& path) {
  auto s = std::make_unique<Streamed>();
  s->path = path;
  if (path == "-") {
    const char* tmp = std::getenv("TMPDIR");
    std::string name = std::string(tmp != nullptr && *tmp != 0 ? tmp : "/tmp") + "/acmsim-stdout.XXXXXX";
    s->fd = ::mkstemp(name.data());
    if (s->fd < 0) throw std::runtime_error("cannot stage the output for stdout: " + reason());
    ::unlink(name.c_str());
  } else {
    check_target(path);
    s->fd = open_temporary(path, s->temporary);
  }
  s->buf = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(s->fd, std::ios::in | std::ios::out, 1 << 16);
  s->out = std::make_unique<std::ostream>(s->buf.get());
  streams_.push_back(std::move(s));
  return *streams_.back()->out;
}

void OutputFiles::add(const std::string& path, std::string content) {
  if (path != "-") check_target(path);
  files_.emplace_back(path, std::move(content));
}

void OutputFiles::commit() {
  // First everything onto disk; only then does anything take a target's place.
  for (const auto& st : streams_) {
    st->out->flush();
    if (!st->out->good() || (!st->temporary.empty() && ::fsync(st->fd) != 0)) throw std::runtime_error("cannot write " + st->path + ": " + reason());
  }
  std::vector<std::string> temporaries;
  try {
    for (const auto& [path, content] : files_) temporaries.push_back(path == "-" ? std::string() : write_temporary(path, content));
  } catch (...) {
    for (const auto& t : temporaries) {
      if (!t.empty()) ::unlink(t.c_str());
    }
    throw;
  }
  auto undo = [&](std::size_t from_file) {
    for (std::size_t j = from_file; j < temporaries.size(); ++j) {
      if (!temporaries[j].empty()) ::unlink(temporaries[j].c_str());
    }
  };
  for (auto& st : streams_) {
    if (st->temporary.empty()) {
      // stdout: copy the staged bytes.
      std::cout.flush();
      char chunk[1 << 16];
      bool ok = ::lseek(st->fd, 0, SEEK_SET) == 0;
      for (ssize_t n = 0; ok && (n = ::read(st->fd, chunk, sizeof chunk)) > 0;) {
        for (ssize_t done = 0; ok && done < n;) {
          const ssize_t w = ::write(STDOUT_FILENO, chunk + done, static_cast<std::size_t>(n - done));
          ok = w > 0 || (w < 0 && errno == EINTR);
          if (w > 0) done += w;
        }
      }
      continue;
    }
    if (std::rename(st->temporary.c_str(), st->path.c_str()) != 0) {
      const std::string why = reason();
      undo(0);
      throw std::runtime_error("cannot write " + st->path + ": " + why);
    }
    st->temporary.clear();  // in place: nothing to remove any more
  }
  for (std::size_t i = 0; i < files_.size(); ++i) {
    const auto& [path, content] = files_[i];
    if (path == "-") {
      std::cout << content << std::flush;
      continue;
    }
    if (std::rename(temporaries[i].c_str(), path.c_str()) != 0) {
      const std::string why = reason();
      undo(i);
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
