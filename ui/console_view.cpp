#include <ui/console_view.hpp>

#include <ui/timeline_painter.hpp>

#include <QFontDatabase>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>

#include <algorithm>

namespace {

// The timestamp column fits "1234.567 s".
constexpr int kStampWidth = 11;

QString stampFor(const ConsoleEntry& e)
{
    if (e.time < 0)
        return QString(kStampWidth, QLatin1Char(' '));
    return TimelinePainter::formatTime(e.time, 1'000'000).rightJustified(kStampWidth - 1) + QLatin1Char(' ');
}

}  // namespace

ConsoleView::ConsoleView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    setPlaceholderText(tr("Program output appears here as the run plays."));
    setMaximumBlockCount(0);
}

void ConsoleView::setDarkColours(bool dark)
{
    dark_ = dark;
    // Everything again, in the new colours (order_ and the document go together).
    order_.clear();
    clear();
    render();
}

QColor ConsoleView::colourFor(ConsoleEntry::Kind k) const
{
    switch (k) {
    case ConsoleEntry::Kind::Output: return palette().color(QPalette::Text);
    case ConsoleEntry::Kind::ErrorOutput:
    case ConsoleEntry::Kind::Error: return dark_ ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    case ConsoleEntry::Kind::Deadlock: return dark_ ? QColor(0xff, 0x9e, 0x64) : QColor(0xa4, 0x2a, 0x00);
    case ConsoleEntry::Kind::Warning: return dark_ ? QColor(0xe3, 0xb3, 0x41) : QColor(0x8a, 0x5a, 0x00);
    case ConsoleEntry::Kind::Info: return palette().color(QPalette::PlaceholderText);
    case ConsoleEntry::Kind::Summary: return dark_ ? QColor(0x79, 0xc0, 0xff) : QColor(0x0b, 0x5c, 0xad);
    }
    return palette().color(QPalette::Text);
}

void ConsoleView::clearEntries()
{
    entries_.clear();
    keys_.clear();
    order_.clear();
    shown_ = 0;
    clear();
}

void ConsoleView::addEntry(const ConsoleEntry& e)
{
    const qint64 key = e.time >= 0 ? e.time : (keys_.isEmpty() ? -1 : *std::max_element(keys_.begin(), keys_.end()));
    entries_.push_back(e);
    keys_.push_back(key);
    if (!isShown(e))
        return;
    const bool isOutput = e.kind == ConsoleEntry::Kind::Output || e.kind == ConsoleEntry::Kind::ErrorOutput;
    const ConsoleEntry::Kind lastKind = order_.isEmpty() ? ConsoleEntry::Kind::Output : entries_[order_.last()].kind;
    const bool lastIsOutput = lastKind == ConsoleEntry::Kind::Output || lastKind == ConsoleEntry::Kind::ErrorOutput;
    if (order_.isEmpty() || keys_[order_.last()] < key || (keys_[order_.last()] == key && (lastIsOutput || !isOutput))) {
        order_.push_back(int(entries_.size()) - 1);
        appendEntryText(int(entries_.size()) - 1);
        shown_ = int(order_.size());
    } else {
        render();  // it belongs before lines already shown
    }
}

void ConsoleView::setEntryTask(int index, aio::ObjectId task)
{
    if (index >= 0 && index < entries_.size())
        entries_[index].task = task;
}

void ConsoleView::replaceEntry(int index, const ConsoleEntry& e)
{
    if (index < 0 || index >= entries_.size())
        return;
    entries_[index] = e;
    order_.clear();
    clear();
    render();
}

bool ConsoleView::isShown(const ConsoleEntry& e) const
{
    return playhead_ < 0 || e.time < 0 || e.time <= playhead_;
}

void ConsoleView::setPlayhead(qint64 ns)
{
    if (ns == playhead_)
        return;
    playhead_ = ns;
    render();
}

void ConsoleView::render()
{
    QVector<int> want;
    for (int i = 0; i < entries_.size(); ++i)
        if (isShown(entries_[i]))
            want.push_back(i);
    // At one moment the program's output comes first, then what the run says about it.
    auto rank = [this](int i) {
        const ConsoleEntry::Kind k = entries_[i].kind;
        return k == ConsoleEntry::Kind::Output || k == ConsoleEntry::Kind::ErrorOutput ? 0 : 1;
    };
    std::stable_sort(want.begin(), want.end(), [&](int a, int b) {
        return keys_[a] != keys_[b] ? keys_[a] < keys_[b] : rank(a) < rank(b);
    });
    const bool isPrefix = order_.size() <= want.size() && std::equal(order_.begin(), order_.end(), want.begin());
    if (isPrefix && order_.size() == want.size())
        return;
    QScrollBar* sb = verticalScrollBar();
    const bool atEnd = sb->value() >= sb->maximum() - 2;
    if (!isPrefix) {
        clear();
        order_.clear();
    }
    for (int i = int(order_.size()); i < want.size(); ++i) {
        order_.push_back(want[i]);
        appendEntryText(want[i]);
    }
    shown_ = int(order_.size());
    if (atEnd)
        sb->setValue(sb->maximum());
}

void ConsoleView::appendEntryText(int index)
{
    const ConsoleEntry& e = entries_[index];
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    const bool first = document()->isEmpty() && document()->blockCount() == 1 && document()->firstBlock().userState() < 0;
    QTextCharFormat stamp;
    stamp.setForeground(palette().color(QPalette::PlaceholderText));
    QTextCharFormat body;
    body.setForeground(colourFor(e.kind));
    if (e.kind == ConsoleEntry::Kind::Error || e.kind == ConsoleEntry::Kind::Deadlock || e.kind == ConsoleEntry::Kind::Summary)
        body.setFontWeight(QFont::DemiBold);
    QTextCharFormat link = body;
    link.setFontUnderline(true);
    link.setFontWeight(QFont::Normal);

    const QStringList lines = e.text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        if (!(first && i == 0))
            c.insertBlock();
        c.block().setUserState(index);
        c.insertText(i == 0 ? stampFor(e) : QString(kStampWidth, QLatin1Char(' ')), stamp);
        c.insertText(lines[i], body);
        if (i == 0 && e.line > 0 && e.kind != ConsoleEntry::Kind::Output && e.kind != ConsoleEntry::Kind::Summary)
            c.insertText(e.column > 0 ? QStringLiteral("  → line %1, column %2").arg(e.line).arg(e.column)
                                      : QStringLiteral("  → line %1").arg(e.line),
                         link);
    }
}

int ConsoleView::entryAt(const QPoint& viewportPos) const
{
    const QTextCursor c = cursorForPosition(viewportPos);
    const QTextBlock b = c.block();
    if (!b.isValid())
        return -1;
    // cursorForPosition snaps to the nearest block; a click below the text hits nothing.
    const QRectF r = blockBoundingGeometry(b).translated(contentOffset());
    if (viewportPos.y() < r.top() || viewportPos.y() > r.bottom())
        return -1;
    const int idx = b.userState();
    return idx >= 0 && idx < entries_.size() ? idx : -1;
}

QRect ConsoleView::entryRect(int i) const
{
    QRectF r;
    for (QTextBlock b = document()->firstBlock(); b.isValid(); b = b.next())
        if (b.userState() == i)
            r = r.isNull() ? blockBoundingGeometry(b).translated(contentOffset())
                           : r.united(blockBoundingGeometry(b).translated(contentOffset()));
    return r.toRect();
}

void ConsoleView::mouseReleaseEvent(QMouseEvent* e)
{
    QPlainTextEdit::mouseReleaseEvent(e);
    if (e->button() != Qt::LeftButton || textCursor().hasSelection())
        return;
    const int i = entryAt(e->position().toPoint());
    if (i < 0)
        return;
    const ConsoleEntry& en = entries_[i];
    if (en.line > 0)
        emit lineActivated(en.line, en.column);
    if (en.task)
        emit taskActivated(en.task);
}

void ConsoleView::mouseMoveEvent(QMouseEvent* e)
{
    QPlainTextEdit::mouseMoveEvent(e);
    const int i = entryAt(e->position().toPoint());
    const bool clickable = i >= 0 && (entries_[i].line > 0 || entries_[i].task);
    viewport()->setCursor(clickable ? Qt::PointingHandCursor : Qt::IBeamCursor);
}
