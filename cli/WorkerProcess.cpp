// SPDX-License-Identifier: MIT
#include "cli/WorkerProcess.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace headroom::cli {
namespace {

/// The most of a worker's standard error kept for a message.
constexpr std::size_t kErrorBytesKept = 4096;

void closeFd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

bool writeAll(int fd, const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        written += std::size_t(n);
    }
    return true;
}

}  // namespace

WorkerProcess::WorkerProcess(const std::string& program, const std::vector<std::string>& arguments, const std::string& input, std::string& error) {
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        error = std::string("cannot create a pipe: ") + std::strerror(errno);
        return;
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    m_pid = ::fork();
    if (m_pid < 0) {
        error = std::string("cannot start a worker process: ") + std::strerror(errno);
        return;
    }
    if (m_pid == 0) {
        // The child: its pipes become stdin, stdout and stderr; it ends if its parent does.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGPIPE, SIG_DFL);
        ::execvp(program.c_str(), argv.data());
        const std::string message = "cannot run " + program + ": " + std::strerror(errno) + "\n";
        [[maybe_unused]] auto ignored = ::write(STDERR_FILENO, message.data(), message.size());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    m_out = out[0];
    m_err = err[0];
    ::fcntl(m_err, F_SETFL, ::fcntl(m_err, F_GETFL) | O_NONBLOCK);
    // The worker reads all of its input before it writes anything, so this cannot deadlock.
    const auto previous = ::signal(SIGPIPE, SIG_IGN);
    // A worker that ended before reading all of its input (EPIPE) is no failure to start: how it
    // ended, which wait() reports, says more than "did not take its input" would.
    if (!writeAll(in[1], input) && errno != EPIPE) error = std::string("a worker process did not take its input: ") + std::strerror(errno);
    ::signal(SIGPIPE, previous);
    ::close(in[1]);
}

WorkerProcess::~WorkerProcess() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    closeFd(m_out);
    closeFd(m_err);
}

std::vector<std::string> WorkerProcess::readLines() {
    std::vector<std::string> lines;
    if (m_out < 0) return lines;
    char buffer[65536];
    const ssize_t n = ::read(m_out, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) return lines;
    if (n <= 0) {
        if (!m_pending.empty()) lines.push_back(std::move(m_pending));
        m_pending.clear();
        closeFd(m_out);
        return lines;
    }
    m_pending.append(buffer, std::size_t(n));
    std::size_t start = 0;
    for (std::size_t newline; (newline = m_pending.find('\n', start)) != std::string::npos; start = newline + 1)
        lines.push_back(m_pending.substr(start, newline - start));
    m_pending.erase(0, start);
    return lines;
}

void WorkerProcess::drainErrors() {
    if (m_err < 0) return;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(m_err, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return;  // nothing more for now
        if (n == 0) {
            closeFd(m_err);
            return;
        }
        if (m_errors.size() < kErrorBytesKept) m_errors.append(buffer, std::min(std::size_t(n), kErrorBytesKept - m_errors.size()));
    }
}

std::string WorkerProcess::wait(bool& succeeded) {
    succeeded = false;
    if (m_pid <= 0) return "not started";
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    if (m_err >= 0) {
        ::fcntl(m_err, F_SETFL, ::fcntl(m_err, F_GETFL) & ~O_NONBLOCK);
        drainErrors();
    }
    if (WIFEXITED(status)) {
        succeeded = WEXITSTATUS(status) == 0;
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) return std::string("was killed by signal ") + std::to_string(WTERMSIG(status)) + " (" + ::strsignal(WTERMSIG(status)) + ")";
    return "ended";
}

void WorkerProcess::terminate() {
    if (m_pid > 0) ::kill(m_pid, SIGTERM);
}

std::optional<std::string> runForOutput(const std::string& program, const std::vector<std::string>& arguments, std::size_t maxBytes, std::string& error) {
    WorkerProcess process(program, arguments, "", error);
    if (!error.empty() || !process.running()) return std::nullopt;
    std::string output;
    while (process.outputFd() >= 0) {
        pollfd fds[2] = {{process.outputFd(), POLLIN, 0}, {process.errorFd(), POLLIN, 0}};
        if (::poll(fds, process.errorFd() >= 0 ? 2 : 1, -1) < 0 && errno != EINTR) {
            error = std::string("cannot wait for ") + program + ": " + std::strerror(errno);
            return std::nullopt;
        }
        if (fds[1].revents) process.drainErrors();
        if (!fds[0].revents) continue;
        for (const auto& line : process.readLines()) output += line + '\n';
        if (output.size() > maxBytes) {
            error = program + " wrote more than " + std::to_string(maxBytes) + " bytes";
            return std::nullopt;
        }
    }
    bool succeeded = false;
    const std::string how = process.wait(succeeded);
    if (!succeeded) {
        const std::string& errors = process.errors();
        const std::string first = errors.substr(0, errors.find('\n'));
        error = program + " " + how + (first.empty() ? "" : ": " + first);
        return std::nullopt;
    }
    return output;
}

}  // namespace headroom::cli
