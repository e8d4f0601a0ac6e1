// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

#include <optional>
#include <vector>

#include "ui/Challenges.h"

class QTextBrowser;
class QTreeWidget;

namespace headroom::ui {

class PracticeStore;

/// Practice ▸ pick a challenge: grouped by difficulty, the ones already passed marked, the
/// selected one's brief and constraints beside the list.
class ChallengePicker final : public QDialog {
    Q_OBJECT
public:
    ChallengePicker(const std::vector<ChallengeEntry>& entries, const PracticeStore& store, QWidget* parent = nullptr);
    /// The index into the entries of the challenge chosen; none while nothing is selected.
    [[nodiscard]] std::optional<std::size_t> chosen() const;
    /// Selects the entry at `index` (tests, and the last one practised).
    void select(std::size_t index);

private:
    void showBrief();

    const std::vector<ChallengeEntry>& m_entries;
    QTreeWidget* m_list;
    QTextBrowser* m_brief;
};

}  // namespace headroom::ui
