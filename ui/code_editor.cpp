#include <ui/code_editor.hpp>

#include <ui/python_highlighter.hpp>

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPath>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>
#include <map>

namespace {

// Dots per line before the gutter says "+n".
constexpr int kMaxDots = 3;

}  // namespace

class CodeEditorGutter : public QWidget {
public:
    explicit CodeEditorGutter(CodeEditor* editor) : QWidget(editor), editor_(editor) { setMouseTracking(true); }
    QSize sizeHint() const override { return QSize(editor_->gutterWidth(), 0); }

protected:
    void paintEvent(QPaintEvent* e) override { editor_->paintGutter(e); }
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::ToolTip) {
            auto* h = static_cast<QHelpEvent*>(e);
            const QString tip = editor_->gutterToolTip(editor_->lineAtGutterY(h->pos().y()));
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(h->globalPos(), tip, this);
            return true;
        }
        return QWidget::event(e);
    }

private:
    CodeEditor* editor_;
};

CodeEditor::CodeEditor(QWidget* parent)
    : QPlainTextEdit(parent)
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(f);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
    gutter_ = new CodeEditorGutter(this);
    highlighter_ = new PythonHighlighter(document());
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateGutterWidth(); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateSelections);
    // Edits move lines under the marks; they describe the run, which no longer matches.
    connect(document(), &QTextDocument::contentsChange, this, [this](int, int removed, int added) {
        if (removed == added)
            return;
        if (errorLine_)
            clearError();
    });
    updateGutterWidth();
    updateSelections();
}

namespace {

QString droppedPythonFile(const QMimeData* m)
{
    if (!m || !m->hasUrls())
        return {};
    for (const QUrl& u : m->urls())
        if (u.isLocalFile() && u.toLocalFile().endsWith(QLatin1String(".py"), Qt::CaseInsensitive))
            return u.toLocalFile();
    return {};
}

}  // namespace

bool CodeEditor::canInsertFromMimeData(const QMimeData* source) const
{
    return !droppedPythonFile(source).isEmpty() || QPlainTextEdit::canInsertFromMimeData(source);
}

void CodeEditor::insertFromMimeData(const QMimeData* source)
{
    const QString file = droppedPythonFile(source);
    if (!file.isEmpty()) {
        emit fileDropped(file);
        return;
    }
    QPlainTextEdit::insertFromMimeData(source);
}

void CodeEditor::setDarkColours(bool dark)
{
    dark_ = dark;
    highlighter_->setDark(dark);
    updateSelections();
    gutter_->update();
}

int CodeEditor::gutterWidth() const
{
    int digits = 2;
    for (int max = std::max(1, blockCount()); max >= 100; max /= 10)
        ++digits;
    const int dot = fontMetrics().height() * 2 / 3;
    // On the left the task dots, then "+n" when more tasks share a line, then the number.
    return 6 + kMaxDots * (dot - 1) + 1 + plusWidth() + 6 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 8;
}

QFont CodeEditor::smallFont() const
{
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.75);
    return f;
}

int CodeEditor::plusWidth() const
{
    return QFontMetrics(smallFont()).horizontalAdvance(QStringLiteral("+99"));
}

void CodeEditor::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeEditor::updateGutter(const QRect& rect, int dy)
{
    if (dy)
        gutter_->scroll(0, dy);
    else
        gutter_->update(0, rect.y(), gutter_->width(), rect.height());
}

void CodeEditor::keyPressEvent(QKeyEvent* e)
{
    const bool plain = (e->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    if (e->key() == Qt::Key_Tab && plain && !textCursor().hasSelection()) {
        const int col = textCursor().positionInBlock();
        insertPlainText(QString(4 - col % 4, QLatin1Char(' ')));
        return;
    }
    if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) && plain) {
        const QString line = textCursor().block().text().left(textCursor().positionInBlock());
        int indent = 0;
        while (indent < line.size() && line[indent] == QLatin1Char(' '))
            ++indent;
        QString code = line;
        const int hash = int(code.indexOf(QLatin1Char('#')));
        if (hash >= 0 && !code.left(hash).contains(QLatin1Char('\'')) && !code.left(hash).contains(QLatin1Char('"')))
            code = code.left(hash);
        if (code.trimmed().endsWith(QLatin1Char(':')))
            indent += 4;
        textCursor().insertText(QStringLiteral("\n") + QString(indent, QLatin1Char(' ')));
        ensureCursorVisible();
        return;
    }
    QPlainTextEdit::keyPressEvent(e);
}

void CodeEditor::resizeEvent(QResizeEvent* e)
{
    QPlainTextEdit::resizeEvent(e);
    const QRect cr = contentsRect();
    gutter_->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
}

void CodeEditor::changeEvent(QEvent* e)
{
    QPlainTextEdit::changeEvent(e);
    if (e->type() == QEvent::FontChange) {
        setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 4);
        updateGutterWidth();
    }
    if (e->type() == QEvent::PaletteChange)
        updateSelections();
}

void CodeEditor::setTaskMarks(const QVector<TaskLineMark>& marks)
{
    if (marks.size() == marks_.size()) {
        bool same = true;
        for (int i = 0; same && i < marks.size(); ++i)
            same = marks[i].line == marks_[i].line && marks[i].color == marks_[i].color && marks[i].task == marks_[i].task;
        if (same)
            return;
    }
    marks_ = marks;
    gutter_->update();
}

QVector<TaskLineMark> CodeEditor::marksOnLine(int line) const
{
    QVector<TaskLineMark> out;
    for (const TaskLineMark& m : marks_)
        if (m.line == line)
            out.push_back(m);
    return out;
}

void CodeEditor::setSelectedLine(int line, const QColor& color)
{
    if (line == selectedLine_ && color == selectedColor_)
        return;
    selectedLine_ = line;
    selectedColor_ = color;
    updateSelections();
    gutter_->update();
}

void CodeEditor::setError(int line, int column, const QString& message)
{
    errorLine_ = line > 0 && line <= blockCount() ? line : 0;
    errorColumn_ = errorLine_ ? column : 0;
    errorMessage_ = errorLine_ ? message : QString();
    updateSelections();
    gutter_->update();
}

void CodeEditor::goToLine(int line, int column)
{
    const QTextBlock b = document()->findBlockByNumber(std::clamp(line, 1, std::max(1, blockCount())) - 1);
    QTextCursor c(b);
    if (column > 1)
        c.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::min(column - 1, int(b.length()) - 1));
    setTextCursor(c);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

void CodeEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> sel;
    const bool dark = dark_;
    {
        QTextEdit::ExtraSelection cur;
        cur.format.setBackground(dark ? QColor(255, 255, 255, 14) : QColor(0, 0, 0, 10));
        cur.format.setProperty(QTextFormat::FullWidthSelection, true);
        cur.cursor = textCursor();
        cur.cursor.clearSelection();
        sel << cur;
    }
    if (selectedLine_ > 0 && selectedLine_ <= blockCount()) {
        QTextEdit::ExtraSelection s;
        QColor c = selectedColor_.isValid() ? selectedColor_ : palette().color(QPalette::Highlight);
        c.setAlpha(dark ? 70 : 48);
        s.format.setBackground(c);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.cursor = QTextCursor(document()->findBlockByNumber(selectedLine_ - 1));
        sel << s;
    }
    if (errorLine_ > 0) {
        const QColor red = dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
        QTextEdit::ExtraSelection line;
        QColor bg = red;
        bg.setAlpha(dark ? 45 : 28);
        line.format.setBackground(bg);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        const QTextBlock b = document()->findBlockByNumber(errorLine_ - 1);
        line.cursor = QTextCursor(b);
        sel << line;
        // The wavy underline runs from the column to the end of the line's text.
        QTextEdit::ExtraSelection wave;
        wave.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        wave.format.setUnderlineColor(red);
        QTextCursor c(b);
        const QString text = b.text();
        int from = errorColumn_ > 0 ? std::min(errorColumn_ - 1, int(text.size())) : 0;
        if (errorColumn_ <= 0)
            while (from < text.size() && text[from].isSpace())
                ++from;
        c.setPosition(b.position() + from);
        c.setPosition(b.position() + int(text.size()), QTextCursor::KeepAnchor);
        if (!c.hasSelection() && from > 0) {
            c.setPosition(b.position() + from - 1);
            c.setPosition(b.position() + from, QTextCursor::KeepAnchor);
        }
        wave.cursor = c;
        sel << wave;
    }
    setExtraSelections(sel);
}

QRect CodeEditor::lineRect(int line) const
{
    const QTextBlock b = document()->findBlockByNumber(line - 1);
    if (!b.isValid() || !b.isVisible())
        return {};
    const QRectF r = blockBoundingGeometry(b).translated(contentOffset());
    return QRect(0, int(r.top()), gutterWidth(), int(r.height()));
}

int CodeEditor::lineAtGutterY(int y) const
{
    const QTextBlock b = cursorForPosition(QPoint(0, y)).block();
    if (!b.isValid())
        return 0;
    const QRectF r = blockBoundingGeometry(b).translated(contentOffset());
    return (y >= r.top() && y <= r.bottom()) ? b.blockNumber() + 1 : 0;
}

QString CodeEditor::gutterToolTip(int line) const
{
    if (line <= 0)
        return {};
    QStringList parts;
    if (line == errorLine_)
        parts << errorMessage_;
    const QVector<TaskLineMark> on = marksOnLine(line);
    if (!on.isEmpty()) {
        QStringList names;
        for (const TaskLineMark& m : on)
            names << m.name;
        parts << tr("Here now: %1").arg(names.join(QStringLiteral(", ")));
    }
    return parts.join(QLatin1Char('\n'));
}

void CodeEditor::paintGutter(QPaintEvent* e)
{
    QPainter p(gutter_);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor gutterBg = dark_ ? base.lighter(118) : base.darker(104);
    p.fillRect(e->rect(), gutterBg);
    p.setPen(dark_ ? QColor(255, 255, 255, 30) : QColor(0, 0, 0, 28));
    p.drawLine(gutter_->width() - 1, e->rect().top(), gutter_->width() - 1, e->rect().bottom());

    // Marks by line, in the order given (creation order of their tasks).
    std::map<int, QVector<const TaskLineMark*>> byLine;
    for (const TaskLineMark& m : marks_)
        byLine[m.line].push_back(&m);

    const QFontMetrics fm = fontMetrics();
    const int dot = fm.height() * 2 / 3;
    const int numberRight = gutter_->width() - 8;
    const QColor red = dark_ ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    QFont bold = font();
    bold.setBold(true);

    QTextBlock block = firstVisibleBlock();
    qreal top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= e->rect().bottom()) {
        const qreal h = blockBoundingRect(block).height();
        const int line = block.blockNumber() + 1;
        if (block.isVisible() && top + h >= e->rect().top()) {
            const QRectF row(0, top, gutter_->width(), fm.height());
            const bool selected = line == selectedLine_;
            if (selected) {
                QColor c = selectedColor_.isValid() ? selectedColor_ : pal.color(QPalette::Highlight);
                c.setAlpha(dark_ ? 70 : 48);
                p.fillRect(QRectF(0, top, gutter_->width() - 1, h), c);
            }
            // Task dots, stacked from the left edge; overlapping slightly so three fit.
            auto it = byLine.find(line);
            if (it != byLine.end()) {
                const auto& ms = it->second;
                const int shown = std::min<int>(int(ms.size()), kMaxDots);
                for (int i = 0; i < shown; ++i) {
                    const QRectF r(6 + i * (dot - 1), row.center().y() - dot / 2.0, dot, dot);
                    p.setPen(QPen(gutterBg, 1.5));
                    p.setBrush(ms[std::size_t(i)]->color);
                    p.drawEllipse(r);
                }
                if (int(ms.size()) > kMaxDots) {
                    p.setFont(smallFont());
                    p.setPen(pal.color(QPalette::PlaceholderText));
                    p.drawText(QRectF(6 + kMaxDots * (dot - 1) + 2, row.top(), plusWidth(), row.height()),
                               Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("+%1").arg(ms.size() - kMaxDots));
                }
            }
            if (line == errorLine_) {
                // A red badge with "!" replaces the dots' space, the number turns red.
                const QRectF r(6, row.center().y() - dot / 2.0 - 1, dot + 2, dot + 2);
                p.setPen(Qt::NoPen);
                p.setBrush(red);
                p.drawEllipse(r);
                p.setPen(Qt::white);
                QFont bf = bold;
                bf.setPointSizeF(bf.pointSizeF() * 0.75);
                p.setFont(bf);
                p.drawText(r, Qt::AlignCenter, QStringLiteral("!"));
            }
            const bool current = textCursor().blockNumber() + 1 == line;
            p.setFont(current || line == errorLine_ ? bold : font());
            p.setPen(line == errorLine_ ? red
                     : current          ? pal.color(QPalette::Text)
                                        : pal.color(QPalette::PlaceholderText));
            p.drawText(QRectF(0, top, numberRight, fm.height()), Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        }
        block = block.next();
        top += h;
    }
}
