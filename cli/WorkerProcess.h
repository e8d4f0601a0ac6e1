// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace headroom::cli {

/// A child process that reads `input` on its stdin and writes lines on its stdout (POSIX).
/// It is told to stop (SIGTERM) if this process dies, and killed if this object is destroyed
/// while it still runs.
class WorkerProcess {
public:
    /// Starts `program` (a path, or a name looked up on PATH) with `arguments`; on failure `error`
    /// says why and the worker is not running.
    WorkerProcess(const std::string& program, const std::vector<std::string>& arguments, const std::string& input, std::string& error);
    ~WorkerProcess();
    WorkerProcess(const WorkerProcess&) = delete;
    WorkerProcess& operator=(const WorkerProcess&) = delete;

    [[nodiscard]] bool running() const { return m_pid > 0; }
    /// The descriptor to poll for output; -1 once the output has ended.
    [[nodiscard]] int outputFd() const { return m_out; }
    /// Reads what is available and returns the complete lines; at end of output, the rest.
    std::vector<std::string> readLines();
    /// Reads the standard error that is available (kept, for an error message).
    void drainErrors();
    [[nodiscard]] int errorFd() const { return m_err; }
    [[nodiscard]] const std::string& errors() const { return m_errors; }
    /// Waits for the process to end (after its output ended); a description of how it ended.
    [[nodiscard]] std::string wait(bool& succeeded);
    void terminate();

private:
    pid_t m_pid = -1;
    int m_out = -1;
    int m_err = -1;
    std::string m_pending;
    std::string m_errors;
};

/// Runs `program` (looked up on PATH) to its end with nothing on its standard input, and returns
/// its standard output; none, with `error` saying how it ended and the first line of its
/// standard error, when it fails or writes more than `maxBytes`.
[[nodiscard]] std::optional<std::string> runForOutput(const std::string& program, const std::vector<std::string>& arguments, std::size_t maxBytes,
                                                      std::string& error);

}  // namespace headroom::cli
