// SPDX-License-Identifier: MIT
// writeFileAtomically and writeScenarioFile: a save never leaves half a file or a stray
// temporary one, and the file stays the file it was (link, mode, owner, hard links).
#include <QTest>
#include <QTemporaryDir>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model/FileWriter.h"
#include "model/ScenarioFile.h"

using namespace headroom::model;
namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct stat statOf(const fs::path& path) {
    struct stat result {};
    if (::stat(path.c_str(), &result) != 0) qFatal("stat failed");
    return result;
}

std::ptrdiff_t entriesIn(const QTemporaryDir& dir) { return std::distance(fs::directory_iterator(dir.path().toStdString()), {}); }

}  // namespace

class tst_FileWriter : public QObject {
    Q_OBJECT
private slots:
    void replacesTheFileAtomically();
    void writesThroughASymbolicLink();
    void keepsTheModeAndGivesANewFileTheUmasksMode();
    void keepsTheOwner();
    void keepsHardLinksTogether();
    void refusesAScenarioTooLargeToOpenAgain();
    void aSignalMidWriteLeavesNoTemporaryFile();
};

void tst_FileWriter::replacesTheFileAtomically() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "s.headroom.json";
    QVERIFY(!writeFileAtomically(file, "first\n"));
    QVERIFY(!writeFileAtomically(file, "second\n"));
    QCOMPARE(readFile(file), std::string("second\n"));
    // Only the file itself is left: the temporary was renamed over it.
    QCOMPARE(entriesIn(dir), 1);
    // A target that cannot be replaced (a directory) fails with a message and leaves nothing behind.
    const fs::path blocked = fs::path(dir.path().toStdString()) / "blocked";
    fs::create_directory(blocked);
    std::ofstream(blocked / "keep") << "x";
    const auto error = writeFileAtomically(blocked, "text");
    QVERIFY(error.has_value());
    QVERIFY(QString::fromStdString(*error).contains("not a regular file"));
    QVERIFY(fs::is_directory(blocked));
    QCOMPARE(entriesIn(dir), 2);
    // A folder that does not exist.
    QVERIFY(writeFileAtomically(fs::path(dir.path().toStdString()) / "no" / "such.json", "x").has_value());
}

void tst_FileWriter::writesThroughASymbolicLink() {
    // scenarios/current.json -> ../shared/real.json (relative, in another folder), as a team
    // links a shared file: the link stays a link and the shared file gets the text.
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    fs::create_directory(root / "scenarios");
    fs::create_directory(root / "shared");
    std::ofstream(root / "shared" / "real.json") << "old";
    fs::create_symlink("../shared/real.json", root / "scenarios" / "current.json");
    QVERIFY(!writeFileAtomically(root / "scenarios" / "current.json", "new"));
    QVERIFY(fs::is_symlink(fs::symlink_status(root / "scenarios" / "current.json")));
    QCOMPARE(readFile(root / "shared" / "real.json"), std::string("new"));
    QCOMPARE(std::distance(fs::directory_iterator(root / "shared"), {}), 1);
    QCOMPARE(std::distance(fs::directory_iterator(root / "scenarios"), {}), 1);
    // A link whose target does not exist yet creates the target.
    fs::create_symlink("later.json", root / "shared" / "dangling.json");
    QVERIFY(!writeFileAtomically(root / "shared" / "dangling.json", "made"));
    QCOMPARE(readFile(root / "shared" / "later.json"), std::string("made"));
    QVERIFY(fs::is_symlink(fs::symlink_status(root / "shared" / "dangling.json")));
    // A loop of links is refused, not followed forever.
    fs::create_symlink("b", root / "a");
    fs::create_symlink("a", root / "b");
    const auto loop = writeFileAtomically(root / "a", "x");
    QVERIFY(loop.has_value());
    QVERIFY(QString::fromStdString(*loop).contains("too many levels of symbolic links"));
}

void tst_FileWriter::keepsTheModeAndGivesANewFileTheUmasksMode() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    for (const mode_t mode : {0600, 0400, 0640, 0755}) {
        const fs::path file = root / ("mode" + std::to_string(mode));
        std::ofstream(file) << "old";
        QCOMPARE(::chmod(file.c_str(), mode), 0);
        QVERIFY(!writeFileAtomically(file, "new"));
        QCOMPARE(statOf(file).st_mode & 07777, mode);
        QCOMPARE(readFile(file), std::string("new"));
    }
    // A new file: 0666 less the umask, as `touch` would make it. Umask 027 gives 0640.
    const mode_t previous = ::umask(027);
    const fs::path fresh = root / "fresh";
    const auto error = writeFileAtomically(fresh, "x");
    ::umask(previous);
    QVERIFY(!error);
    QCOMPARE(statOf(fresh).st_mode & 07777, mode_t(0640));
}

void tst_FileWriter::keepsTheOwner() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "owned";
    std::ofstream(file) << "old";
    if (::geteuid() != 0) {
        // As a user the owner is this process, which a new file has anyway.
        QVERIFY(!writeFileAtomically(file, "new"));
        QCOMPARE(statOf(file).st_uid, ::geteuid());
        return;
    }
    // As root (CI, the fresh-machine root), a file owned by nobody:nogroup (65534) stays theirs.
    QCOMPARE(::chown(file.c_str(), 65534, 65534), 0);
    QVERIFY(!writeFileAtomically(file, "new"));
    QCOMPARE(statOf(file).st_uid, uid_t(65534));
    QCOMPARE(statOf(file).st_gid, gid_t(65534));
    QCOMPARE(readFile(file), std::string("new"));
}

void tst_FileWriter::keepsHardLinksTogether() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    std::ofstream(root / "one") << "old text";
    fs::create_hard_link(root / "one", root / "two");
    const ino_t inode = statOf(root / "one").st_ino;
    QVERIFY(!writeFileAtomically(root / "one", "new"));
    // Both names still name one file (the same inode, two links), and it holds the new text,
    // truncated to it (the old text was longer).
    QCOMPARE(statOf(root / "one").st_ino, inode);
    QCOMPARE(statOf(root / "two").st_ino, inode);
    QCOMPARE(statOf(root / "one").st_nlink, nlink_t(2));
    QCOMPARE(readFile(root / "two"), std::string("new"));
    QCOMPARE(entriesIn(dir), 2);  // the copy of the old text is gone
}

void tst_FileWriter::refusesAScenarioTooLargeToOpenAgain() {
    // format or size -o can make a text longer than its input (a 15.6 MB file became 18.4 MB):
    // one byte over the read limit is refused and the old file kept; at the limit it is written.
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "big.headroom.json";
    std::ofstream(file) << "old";
    const auto error = writeScenarioFile(file, std::string(kMaxScenarioFileBytes + 1, ' '));
    QVERIFY(error.has_value());
    QVERIFY2(QString::fromStdString(*error).contains("16777217 bytes, more than a scenario file can hold (16 MiB)"), error->c_str());
    QCOMPARE(readFile(file), std::string("old"));
    QVERIFY(!writeScenarioFile(file, std::string(kMaxScenarioFileBytes, ' ')));
    QVERIFY(readTextFile(file).has_value());
}

void tst_FileWriter::aSignalMidWriteLeavesNoTemporaryFile() {
    // A child writes 16 MiB over and over; SIGTERM lands at a different moment each round.
    // Whenever it lands, the folder holds the target alone (the old text or the whole new
    // one), never a hidden temporary, and the child ends by SIGTERM as it would have anyway.
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "target.json";
    const std::string text(kMaxScenarioFileBytes, 'x');
    for (int round = 0; round < 10; ++round) {
        const pid_t child = ::fork();
        if (child == 0) {
            removeTemporaryFilesOnSignals();
            for (;;)
                if (writeFileAtomically(file, text)) ::_exit(3);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(15 + 23 * round));
        QCOMPARE(::kill(child, SIGTERM), 0);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGTERM);
        QCOMPARE(entriesIn(dir), fs::exists(file) ? 1 : 0);
        if (fs::exists(file)) QCOMPARE(fs::file_size(file), std::uintmax_t(text.size()));
    }
}

QTEST_APPLESS_MAIN(tst_FileWriter)
#include "tst_FileWriter.moc"
