// SPDX-License-Identifier: MIT
#include "ui/ChallengePicker.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <array>

#include "ui/PracticeStore.h"

namespace headroom::ui {
namespace {

constexpr int kIndexRole = Qt::UserRole + 1;

}  // namespace

ChallengePicker::ChallengePicker(const std::vector<ChallengeEntry>& entries, const PracticeStore& store, QWidget* parent)
    : QDialog(parent), m_entries(entries), m_list(new QTreeWidget(this)), m_brief(new QTextBrowser(this)) {
    setWindowTitle(tr("Practice a System-Design Interview"));
    m_list->setObjectName("challenges");
    m_list->setHeaderLabels({tr("Challenge"), tr("Your best")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    const std::array<QString, 3> groups{tr("Easy"), tr("Medium"), tr("Hard")};
    for (std::size_t g = 0; g < groups.size(); ++g) {
        QTreeWidgetItem* group = nullptr;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (static_cast<std::size_t>(entries[i].challenge.difficulty) != g) continue;
            if (!group) {
                group = new QTreeWidgetItem(m_list, {groups[g]});
                group->setFlags(Qt::ItemIsEnabled);
                QFont bold = group->font(0);
                bold.setBold(true);
                group->setFont(0, bold);
            }
            const auto attempts = store.attempts(entries[i].name);
            QString best;
            if (!attempts.empty()) {
                double top = 0.0;
                for (const auto& attempt : attempts) top = std::max(top, attempt.score);
                best = (store.passed(entries[i].name) ? tr("✓ passed, ") : QString()) + tr("%1 of 100").arg(qRound(top));
            }
            auto* item = new QTreeWidgetItem(group, {QString::fromStdString(entries[i].challenge.title), best});
            item->setData(0, kIndexRole, qulonglong(i));
            item->setToolTip(0, QString::fromStdString(model::constraintsSummary(entries[i].challenge)));
        }
    }
    m_list->expandAll();
    m_brief->setOpenExternalLinks(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this, buttons] {
        showBrief();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(chosen().has_value());
    });
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (chosen()) accept();
    });
    auto* row = new QHBoxLayout;
    row->addWidget(m_list, 2);
    row->addWidget(m_brief, 3);
    auto* column = new QVBoxLayout(this);
    column->addLayout(row);
    column->addWidget(buttons);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    resize(900, 520);
}

std::optional<std::size_t> ChallengePicker::chosen() const {
    const auto selected = m_list->selectedItems();
    if (selected.size() != 1 || !selected.front()->data(0, kIndexRole).isValid()) return std::nullopt;
    return std::size_t(selected.front()->data(0, kIndexRole).toULongLong());
}

void ChallengePicker::select(std::size_t index) {
    for (QTreeWidgetItemIterator it(m_list); *it; ++it)
        if ((*it)->data(0, kIndexRole).isValid() && (*it)->data(0, kIndexRole).toULongLong() == index) m_list->setCurrentItem(*it);
}

void ChallengePicker::showBrief() {
    const auto index = chosen();
    if (!index) {
        m_brief->clear();
        return;
    }
    const model::Challenge& challenge = m_entries[*index].challenge;
    m_brief->setHtml(QStringLiteral("<h3>%1</h3><p>%2</p><p><b>%3</b> %4</p><p>%5</p>")
                         .arg(QString::fromStdString(challenge.title).toHtmlEscaped(), QString::fromStdString(challenge.brief).toHtmlEscaped(),
                              tr("Your design must meet:"), QString::fromStdString(model::constraintsSummary(challenge)).toHtmlEscaped(),
                              tr("First you estimate %n number(s); then you draw, with the constraints checked as you go; Submit simulates it with "
                                 "the challenge's seed and faults and scores it.", "", int(challenge.questions.size()))));
}

}  // namespace headroom::ui
