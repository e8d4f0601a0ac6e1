// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

namespace headroom::ui {

class ScenarioDocument;

/// A copy of a document's unsaved changes, kept in a recovery folder every few seconds while
/// there are some, and removed when they are saved or the window closes normally: after a
/// crash, the next start finds it and offers to restore it.
class Autosave final : public QObject {
    Q_OBJECT
public:
    /// What a previous session left behind.
    struct Recovery {
        QString recoveryFile;
        QString originalPath;  ///< "" for an untitled scenario
        QDateTime savedAt;
    };

    Autosave(ScenarioDocument& document, QString directory, int intervalMs = 15'000, QObject* parent = nullptr);
    ~Autosave() override;

    /// The standard recovery folder of the app.
    [[nodiscard]] static QString defaultDirectory();
    /// Recovery files in `directory` whose session has ended (crashed): none of a running one.
    [[nodiscard]] static std::vector<Recovery> pending(const QString& directory);
    /// Deletes a recovery file (restored or declined).
    static void discard(const Recovery& recovery);

    /// Writes the recovery copy now, if there are unsaved changes.
    void saveNow();
    /// Removes this session's recovery copy (after a save, or on a normal exit).
    void removeCopy();
    [[nodiscard]] QString copyPath() const;

private:
    ScenarioDocument& m_document;
    QString m_directory;
    QTimer m_timer;
};

}  // namespace headroom::ui
