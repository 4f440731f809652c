#include "pg_dump.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#ifndef PARAMSAFE_PG_DUMP
#define PARAMSAFE_PG_DUMP "pg_dump"
#endif

extern char** environ;

namespace paramsafe::integration {

namespace {

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Close(); }
  int get() const { return fd_; }
  void Close() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

Dump PgDump(const std::string& conninfo) {
  Dump out;
  int fds[2];
  if (pipe(fds) != 0) {
    out.error = std::string("pipe: ") + std::strerror(errno);
    return out;
  }
  Fd read_end(fds[0]), write_end(fds[1]);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, read_end.get());
  std::string program = PARAMSAFE_PG_DUMP;
  std::string dbname = "--dbname=" + conninfo;
  std::vector<char*> argv = {program.data(), dbname.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  write_end.Close();
  if (rc != 0) {
    out.error = "cannot start " + program + ": " + std::strerror(rc);
    return out;
  }

  char buf[65536];
  for (;;) {
    ssize_t n = read(read_end.get(), buf, sizeof buf);
    if (n > 0) {
      out.text.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    out.error = program + " failed (exit status " + std::to_string(WEXITSTATUS(wstatus)) +
                "; its stderr is above)";
    out.text.clear();
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace paramsafe::integration
