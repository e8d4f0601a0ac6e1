// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>

#include <vector>

#include "model/ChallengeScore.h"

namespace headroom::ui {

/// One submitted design: the scenario as it was, and its score.
struct Attempt {
    QDateTime when;
    QString designPath;  ///< the design as submitted (*.headroom.json)
    double score = 0.0;
    bool passed = false;
    QString summary;
};

/// The user's attempts at each challenge, kept in their data folder (practice/<challenge>/, one
/// design and one score file an attempt), so that they can come back to a design and compare.
class PracticeStore {
public:
    /// `folder`: where to keep them; by default the app's data folder's practice/.
    explicit PracticeStore(QString folder = defaultFolder());
    [[nodiscard]] static QString defaultFolder();

    /// Keeps a submitted design and its score; the attempt, or none when it cannot be written
    /// (`error` says why).
    std::optional<Attempt> record(const QString& challenge, const model::Scenario& design, const model::ChallengeScore& score, QString& error);
    /// Every attempt at a challenge, newest first.
    [[nodiscard]] std::vector<Attempt> attempts(const QString& challenge) const;
    /// Whether some attempt at it passed.
    [[nodiscard]] bool passed(const QString& challenge) const;

private:
    QString m_folder;
};

}  // namespace headroom::ui
