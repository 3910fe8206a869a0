#include "results/output_folder.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <streambuf>

#include "pbflow/errors.h"

namespace pbflow::results {

namespace fs = std::filesystem;

namespace {

std::string why() { return std::strerror(errno); }

// An output stream onto a file descriptor, failing loudly.
class FdBuffer : public std::streambuf {
 public:
  FdBuffer(int fd, std::string path) : fd_(fd), path_(std::move(path)) { setp(buffer_, buffer_ + sizeof buffer_); }
  ~FdBuffer() override = default;
  void finish() {
    flush();
    if (::fsync(fd_) != 0) throw RuntimeFailure("cannot write " + path_ + ": " + why());
  }

 protected:
  int overflow(int ch) override {
    flush();
    if (ch != traits_type::eof()) {
      *pptr() = static_cast<char>(ch);
      pbump(1);
    }
    return ch == traits_type::eof() ? 0 : ch;
  }
  int sync() override {
    flush();
    return 0;
  }

 private:
  void flush() {
    const char* p = pbase();
    while (p < pptr()) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw RuntimeFailure("cannot write " + path_ + ": " + why());
      p += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
  }
  int fd_;
  std::string path_;
  char buffer_[1 << 16];
};

// Writes the body into an open file and closes it.
void write_to(int fd, const std::string& path, const std::function<void(std::ostream&)>& body) {
  try {
    FdBuffer buffer(fd, path);
    std::ostream out(&buffer);
    out.exceptions(std::ios::badbit);
    try {
      body(out);
      out.flush();
    } catch (const std::ios_base::failure&) {
      throw RuntimeFailure("cannot write " + path);
    }
    buffer.finish();
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw RuntimeFailure("cannot write " + path + ": " + why());
}

// Creates `path` exclusively (never through a link, never an existing file)
// and writes the body into it.
void write_new_file(const std::string& path, const std::function<void(std::ostream&)>& body) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) throw RuntimeFailure("cannot create " + path + ": " + why());
  write_to(fd, path, body);
}

// Holds an exclusive lock on a folder while it lives.
class FolderLock {
 public:
  explicit FolderLock(const std::string& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ < 0) throw RuntimeFailure("cannot open the folder " + dir + ": " + why());
    while (::flock(fd_, LOCK_EX) != 0)
      if (errno != EINTR) throw RuntimeFailure("cannot lock the folder " + dir + ": " + why());
  }
  ~FolderLock() { ::close(fd_); }  // closing releases the lock
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
};

std::string absolute_dir(const std::string& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(dir, ec).lexically_normal();
  if (ec) throw InputError({dir, 0, 0}, "--out", "not a usable folder name: " + ec.message());
  if (p.has_filename() == false) p = p.parent_path();  // "out/" names "out"
  return p.string();
}

}  // namespace

const std::vector<std::string>& output_file_names() {
  static const std::vector<std::string> names = {
      "summary.json", "outcomes.csv", "flows.csv",    "timeseries.csv", "trajectories.csv", "results.xlsx",
      "report.html",  "compare.json", "compare.csv",  "futures.csv",    "sweep.csv",        "diff.json",
      "diff.csv",     "countries_monthly.csv", "loans.csv", "purposes.csv", "trace.csv", "trace.json", "sweep.json", "sensitivity.csv", "discovery.json", "discovery_trajectory.csv",
      "fts_flows.csv", "fts_summary.json", "iati_transactions.csv", "iati_summary.json", "iati_chains.csv",
      "check.csv", "check.json"};
  return names;
}

void check_output_folder(const std::string& dir) {
  const std::string path = absolute_dir(dir);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;  // a new folder
  if (S_ISLNK(st.st_mode))
    throw InputError({dir, 0, 0}, "--out", "is a symbolic link; give the folder it points to");
  if (!S_ISDIR(st.st_mode)) throw InputError({dir, 0, 0}, "--out", "exists and is not a folder");
  std::vector<std::string> foreign;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    const auto& known = output_file_names();
    if (std::find(known.begin(), known.end(), name) == known.end() ||
        entry.symlink_status().type() != fs::file_type::regular)  // a link is never pbflow's
      foreign.push_back(name);
  }
  if (ec) throw InputError({dir, 0, 0}, "--out", "cannot read the folder: " + ec.message());
  if (!foreign.empty()) {
    std::sort(foreign.begin(), foreign.end());
    std::string list;
    for (std::size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
    if (foreign.size() > 5) list += ", ...";
    throw InputError({dir, 0, 0}, "--out",
                     "holds files pbflow does not write (" + list +
                         "); pbflow replaces a results folder whole, so give a new folder or one of its own");
  }
}

OutputFolder::OutputFolder(const std::string& dir) : dir_(absolute_dir(dir)) {
  check_output_folder(dir);
  const fs::path target(dir_);
  parent_ = target.parent_path().string();
  std::error_code ec;
  fs::create_directories(parent_, ec);
  if (ec) throw RuntimeFailure("cannot create the folder " + parent_ + ": " + ec.message());
  std::string prefix = ".";  // built by appending: GCC 12 misreads "." + string (-Wrestrict, its bug 105329)
  prefix += target.filename().string();
  prefix += ".pbflow-";
  // Under the parent's lock, so no writer sees another's staging folder
  // between its creation and its lock, and takes it for a killed run's.
  FolderLock lock(parent_);
  remove_stale_staging(prefix);
  std::string pattern = parent_ + "/" + prefix + "XXXXXX";
  if (!::mkdtemp(pattern.data())) throw RuntimeFailure("cannot create a staging folder in " + parent_ + ": " + why());
  staging_ = pattern;
  // Held while this writer lives, so another can tell a live staging folder
  // from one a killed run left behind.
  staging_lock_ = ::open(staging_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (staging_lock_ < 0 || ::flock(staging_lock_, LOCK_EX | LOCK_NB) != 0)
    throw RuntimeFailure("cannot lock the staging folder " + staging_ + ": " + why());
}

void OutputFolder::remove_stale_staging(const std::string& prefix) const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || entry.symlink_status().type() != fs::file_type::directory) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) fs::remove_all(entry.path(), ec);  // no writer holds it: a killed run's
    ::close(fd);
  }
}

OutputFolder::~OutputFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
  if (staging_lock_ >= 0) ::close(staging_lock_);
}

void OutputFolder::write(const std::string& name, const std::function<void(std::ostream&)>& body) {
  write_new_file(staging_ + "/" + name, body);
}

void OutputFolder::commit() {
  // The staged folder gets the permissions a new folder would have.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(staging_.c_str(), 0777 & ~mask);
  FolderLock lock(parent_);
  check_output_folder(dir_);  // again, now that nobody else can swap it
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_NOREPLACE) == 0) {
    committed_ = true;
    return;
  }
  if (errno != EEXIST && errno != ENOTEMPTY && errno != EINVAL && errno != ENOSYS)
    throw RuntimeFailure("cannot move the results into " + dir_ + ": " + why());
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno != EINVAL && errno != ENOSYS)
      throw RuntimeFailure("cannot move the results into " + dir_ + ": " + why());
    // A file system without renameat2's flags (we hold the parent's lock, so
    // plain renames are safe from other pbflow writers): move the old set
    // aside first, if there is one.
    const std::string old = staging_ + ".old";
    const bool had_old = ::access(dir_.c_str(), F_OK) == 0;
    if ((had_old && ::rename(dir_.c_str(), old.c_str()) != 0) || ::rename(staging_.c_str(), dir_.c_str()) != 0)
      throw RuntimeFailure("cannot move the results into " + dir_ + ": " + why());
    std::error_code ec;
    fs::remove_all(old, ec);
    committed_ = true;
    return;
  }
  committed_ = true;
  std::error_code ec;
  fs::remove_all(staging_, ec);  // now the old set
}

void replace_file(const std::string& dir, const std::string& name, const std::function<void(std::ostream&)>& body) {
  const std::string target = dir + "/" + name;
  std::string temporary = dir + "/." + name + ".pbflow-XXXXXX";
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);  // exclusive, unpredictable, 0600
  if (fd < 0) throw RuntimeFailure("cannot create a file in " + dir + ": " + why());
  try {
    write_to(fd, temporary, body);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(temporary.c_str(), 0666 & ~mask);
    FolderLock lock(fs::path(absolute_dir(dir)).parent_path().string());  // the lock commit() takes
    if (::rename(temporary.c_str(), target.c_str()) != 0) throw RuntimeFailure("cannot replace " + target + ": " + why());
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
}

}  // namespace pbflow::results
