// SPDX-License-Identifier: MIT
#include "model/FileWriter.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom::model {
namespace {

/// The signals that end a program and after which its temporary file is removed.
constexpr std::array kEndingSignals{SIGTERM, SIGINT, SIGHUP, SIGQUIT};

/// The temporary file being written, for the signal handler: a fixed buffer, since a handler
/// may not allocate, and a flag that says the buffer holds a name to remove.
std::array<char, 4096> g_pendingTemporary{};
std::atomic<bool> g_hasPendingTemporary{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads the flag");

extern "C" void removeTemporaryAndDie(int signal) {
    if (g_hasPendingTemporary.load()) ::unlink(g_pendingTemporary.data());
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

/// Registers the temporary file for the handler while it exists.
class PendingTemporary {
public:
    explicit PendingTemporary(const std::string& path) {
        if (path.size() >= g_pendingTemporary.size()) return;  // too long to register: not removed on a signal
        std::memcpy(g_pendingTemporary.data(), path.c_str(), path.size() + 1);
        g_hasPendingTemporary.store(true);
    }
    ~PendingTemporary() { g_hasPendingTemporary.store(false); }
    PendingTemporary(const PendingTemporary&) = delete;
    PendingTemporary& operator=(const PendingTemporary&) = delete;
};

/// Closes a descriptor when it goes out of scope.
class Descriptor {
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }
    bool open() const { return m_fd >= 0; }
    /// Closes now, reporting whether the close succeeded (NFS reports write errors here).
    bool close() { return ::close(std::exchange(m_fd, -1)) == 0; }

private:
    int m_fd;
};

bool writeAll(int fd, std::string_view text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        written += static_cast<std::size_t>(n);
    }
    return true;
}

/// Where writing `path` lands: through every symbolic link to the file it names.
std::filesystem::path targetOf(const std::filesystem::path& path, std::string& error) {
    std::filesystem::path target = path;
    for (int hops = 0; hops < 40; ++hops) {  // 40: the kernel's own limit on links followed (SYMLOOP_MAX)
        std::error_code code;
        if (!std::filesystem::is_symlink(std::filesystem::symlink_status(target, code))) return target;
        const std::filesystem::path next = std::filesystem::read_symlink(target, code);
        if (code) break;
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    error = "cannot write " + path.string() + ": too many levels of symbolic links";
    return {};
}

std::string failed(const std::filesystem::path& path, std::string_view why) {
    return "cannot write " + path.string() + ": " + std::string(why) + "; the old file is unchanged";
}

std::string reasonOf(int error) {
    switch (error) {
    case ENOSPC:
    case EDQUOT: return "the disk is full";
    case EACCES:
    case EPERM: return "permission denied";
    case EROFS: return "the file system is read-only";
    default: return std::strerror(error);
    }
}

mode_t creationMode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

/// Makes a temporary file beside `target` holding `text`, with `mode` and, where given, the
/// owner of `existing`. Returns its name, or empty with `error` set.
std::string temporaryBeside(const std::filesystem::path& target, std::string_view text, mode_t mode,
                            const struct stat* existing, std::string& error, std::optional<PendingTemporary>& pending) {
    const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string name = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
    // No signal between making the file and registering it for removal.
    sigset_t ending, previous;
    sigemptyset(&ending);
    for (const int signal : kEndingSignals) sigaddset(&ending, signal);
    ::pthread_sigmask(SIG_BLOCK, &ending, &previous);
    Descriptor fd(::mkostemp(name.data(), O_CLOEXEC));
    const int made = errno;
    if (fd.open()) pending.emplace(name);
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (!fd.open()) {
        error = reasonOf(made) + " (cannot create a file in " + directory.string() + ")";
        return {};
    }
    bool ok = ::fchmod(fd.get(), mode) == 0;
    if (ok && existing && (existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()))
        ok = ::fchown(fd.get(), existing->st_uid, existing->st_gid) == 0;
    if (ok) ok = writeAll(fd.get(), text) && ::fsync(fd.get()) == 0;
    const int why = errno;
    if (!fd.close()) ok = false;
    if (!ok) {
        ::unlink(name.c_str());
        pending.reset();
        error = reasonOf(why);
        return {};
    }
    return name;
}

/// The hard-linked case: every name must see the new text, so the file is rewritten where it
/// is, after a copy of its old text is safe beside it; a failed write puts the old text back.
std::optional<std::string> rewriteInPlace(const std::filesystem::path& path, const std::filesystem::path& target,
                                          std::string_view text, std::string_view oldText, const struct stat& existing) {
    std::string error;
    std::optional<PendingTemporary> pending;
    const std::string backup = temporaryBeside(target, oldText, existing.st_mode & 07777, &existing, error, pending);
    if (backup.empty()) return failed(path, error);
    pending.reset();  // from here the copy is the old text's only home: a signal must leave it
    Descriptor fd(::open(target.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd.open()) {
        const int why = errno;
        ::unlink(backup.c_str());
        return failed(path, reasonOf(why));
    }
    const bool ok = ::ftruncate(fd.get(), 0) == 0 && writeAll(fd.get(), text) && ::fsync(fd.get()) == 0;
    const int why = errno;
    if (fd.close() && ok) {
        ::unlink(backup.c_str());
        return std::nullopt;
    }
    Descriptor restore(::open(target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
    if (restore.open() && writeAll(restore.get(), oldText) && ::fsync(restore.get()) == 0 && restore.close()) {
        ::unlink(backup.c_str());
        return failed(path, reasonOf(why));
    }
    return "cannot write " + path.string() + ": " + reasonOf(why) + "; the old text is kept in " + backup;
}

std::optional<std::string> readWhole(const std::filesystem::path& path) {
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.open()) return std::nullopt;
    std::string text;
    std::array<char, 64 * 1024> chunk;
    for (;;) {
        const ssize_t n = ::read(fd.get(), chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) return text;
        text.append(chunk.data(), std::size_t(n));
    }
}

/// Whether a file this process makes can be given `existing`'s owner and group.
bool canGiveOwnerOf(const struct stat& existing) {
    if (::geteuid() == 0) return true;
    if (existing.st_uid != ::geteuid()) return false;
    if (existing.st_gid == ::getegid()) return true;
    std::vector<gid_t> groups(std::size_t(std::max(::getgroups(0, nullptr), 0)));
    const int count = ::getgroups(int(groups.size()), groups.data());
    return std::find(groups.begin(), groups.begin() + std::max(count, 0), existing.st_gid) != groups.begin() + std::max(count, 0);
}

}  // namespace

std::optional<std::string> writeFileAtomically(const std::filesystem::path& path, std::string_view text) {
    std::string error;
    const std::filesystem::path target = targetOf(path, error);
    if (target.empty()) return error;
    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (exists && !S_ISREG(existing.st_mode)) return failed(path, "it is not a regular file");
    // A second name, or an owner this process cannot give a new file: rewrite the file itself.
    if (exists && (existing.st_nlink > 1 || !canGiveOwnerOf(existing))) {
        const auto oldText = readWhole(target);
        if (!oldText) return failed(path, "cannot read the old text to keep a copy");
        return rewriteInPlace(path, target, text, *oldText, existing);
    }
    std::optional<PendingTemporary> pending;
    const std::string temporary = temporaryBeside(target, text, exists ? existing.st_mode & 07777 : creationMode(),
                                                  exists ? &existing : nullptr, error, pending);
    if (temporary.empty()) return failed(path, error);
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int why = errno;
        ::unlink(temporary.c_str());
        return failed(path, reasonOf(why));
    }
    return std::nullopt;
}

void removeTemporaryFilesOnSignals() {
    struct sigaction action {};
    action.sa_handler = removeTemporaryAndDie;
    sigemptyset(&action.sa_mask);
    for (const int signal : kEndingSignals) ::sigaction(signal, &action, nullptr);
}

}  // namespace headroom::model
