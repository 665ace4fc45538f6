#include <ui/python_highlighter.hpp>

#include <QSet>
#include <QTextDocument>

#include <algorithm>

namespace {

// Block states: what a line ends inside of, so the next line continues it.
enum : int { kNormal = 0, kTripleSingle = 1, kTripleDouble = 2 };

const QSet<QString>& keywords()
{
    static const QSet<QString> k{
        QStringLiteral("and"), QStringLiteral("as"), QStringLiteral("assert"), QStringLiteral("break"),
        QStringLiteral("class"), QStringLiteral("continue"), QStringLiteral("def"), QStringLiteral("del"),
        QStringLiteral("elif"), QStringLiteral("else"), QStringLiteral("except"), QStringLiteral("finally"),
        QStringLiteral("for"), QStringLiteral("from"), QStringLiteral("global"), QStringLiteral("if"),
        QStringLiteral("import"), QStringLiteral("in"), QStringLiteral("is"), QStringLiteral("lambda"),
        QStringLiteral("nonlocal"), QStringLiteral("not"), QStringLiteral("or"), QStringLiteral("pass"),
        QStringLiteral("raise"), QStringLiteral("return"), QStringLiteral("try"), QStringLiteral("while"),
        QStringLiteral("with"), QStringLiteral("yield"), QStringLiteral("None"), QStringLiteral("True"),
        QStringLiteral("False"), QStringLiteral("match"), QStringLiteral("case"),
    };
    return k;
}

const QSet<QString>& builtins()
{
    static const QSet<QString> b{
        QStringLiteral("print"), QStringLiteral("len"), QStringLiteral("range"), QStringLiteral("enumerate"),
        QStringLiteral("zip"), QStringLiteral("list"), QStringLiteral("dict"), QStringLiteral("set"),
        QStringLiteral("tuple"), QStringLiteral("str"), QStringLiteral("int"), QStringLiteral("float"),
        QStringLiteral("bool"), QStringLiteral("sum"), QStringLiteral("min"), QStringLiteral("max"),
        QStringLiteral("sorted"), QStringLiteral("reversed"), QStringLiteral("isinstance"), QStringLiteral("repr"),
        QStringLiteral("abs"), QStringLiteral("round"), QStringLiteral("any"), QStringLiteral("all"),
        QStringLiteral("map"), QStringLiteral("filter"), QStringLiteral("super"), QStringLiteral("type"),
        QStringLiteral("Exception"), QStringLiteral("ValueError"), QStringLiteral("RuntimeError"),
        QStringLiteral("KeyError"), QStringLiteral("TypeError"), QStringLiteral("TimeoutError"),
        QStringLiteral("ExceptionGroup"), QStringLiteral("BaseException"), QStringLiteral("KeyboardInterrupt"),
    };
    return b;
}

bool isIdentStart(QChar c) { return c.isLetter() || c == QLatin1Char('_'); }
bool isIdentPart(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

// Length of a string prefix (f, r, b, rb, fr...) at i followed by a quote, else 0.
int stringPrefix(const QString& t, int i)
{
    int n = 0;
    while (n < 2 && i + n < t.size() && QStringLiteral("rRbBfFuU").contains(t[i + n]))
        ++n;
    if (n > 0 && i + n < t.size() && (t[i + n] == QLatin1Char('\'') || t[i + n] == QLatin1Char('"')))
        return n;
    return -1;
}

}  // namespace

PythonHighlighter::PythonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    buildFormats();
}

void PythonHighlighter::setDark(bool dark)
{
    if (dark == dark_)
        return;
    dark_ = dark;
    buildFormats();
    rehighlight();
}

void PythonHighlighter::buildFormats()
{
    auto fmt = [](QTextCharFormat& f, const QColor& c, bool bold = false, bool italic = false) {
        f = QTextCharFormat();
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
    };
    if (dark_) {
        fmt(keyword_, QColor(0xff, 0x7b, 0x72));
        fmt(async_, QColor(0xd2, 0xa8, 0xff), true);
        fmt(builtin_, QColor(0x79, 0xc0, 0xff));
        fmt(asyncio_, QColor(0x56, 0xd3, 0x64));
        fmt(string_, QColor(0xa5, 0xd6, 0xff));
        fmt(number_, QColor(0x79, 0xc0, 0xff));
        fmt(comment_, QColor(0x8b, 0x94, 0x9e), false, true);
        fmt(decorator_, QColor(0xd2, 0xa8, 0xff));
        fmt(definition_, QColor(0xff, 0xd7, 0x8a), true);
        fmt(self_, QColor(0xff, 0xa6, 0x57));
    } else {
        fmt(keyword_, QColor(0xcf, 0x22, 0x2e));
        fmt(async_, QColor(0x82, 0x50, 0xdf), true);
        fmt(builtin_, QColor(0x05, 0x50, 0xae));
        fmt(asyncio_, QColor(0x11, 0x63, 0x29));
        fmt(string_, QColor(0x0a, 0x30, 0x69));
        fmt(number_, QColor(0x05, 0x50, 0xae));
        fmt(comment_, QColor(0x6e, 0x77, 0x81), false, true);
        fmt(decorator_, QColor(0x82, 0x50, 0xdf));
        fmt(definition_, QColor(0x65, 0x3f, 0x00), true);
        fmt(self_, QColor(0x95, 0x38, 0x00));
    }
}

QTextCharFormat PythonHighlighter::formatFor(const QString& kind) const
{
    if (kind == QLatin1String("keyword")) return keyword_;
    if (kind == QLatin1String("async")) return async_;
    if (kind == QLatin1String("builtin")) return builtin_;
    if (kind == QLatin1String("asyncio")) return asyncio_;
    if (kind == QLatin1String("string")) return string_;
    if (kind == QLatin1String("number")) return number_;
    if (kind == QLatin1String("comment")) return comment_;
    if (kind == QLatin1String("decorator")) return decorator_;
    if (kind == QLatin1String("definition")) return definition_;
    return {};
}

void PythonHighlighter::highlightBlock(const QString& t)
{
    const int n = int(t.size());
    int i = 0;
    int state = previousBlockState() < 0 ? kNormal : previousBlockState();
    setCurrentBlockState(kNormal);

    // Finish a triple-quoted string carried over from the previous line.
    if (state == kTripleSingle || state == kTripleDouble) {
        const QString close = state == kTripleSingle ? QStringLiteral("'''") : QStringLiteral("\"\"\"");
        const int end = int(t.indexOf(close));
        if (end < 0) {
            setFormat(0, n, string_);
            setCurrentBlockState(state);
            return;
        }
        setFormat(0, end + 3, string_);
        i = end + 3;
    }

    bool afterDef = false;  // the name after def / class
    while (i < n) {
        const QChar c = t[i];
        if (c == QLatin1Char('#')) {
            setFormat(i, n - i, comment_);
            return;
        }
        const int prefix = isIdentStart(c) ? stringPrefix(t, i) : (c == QLatin1Char('\'') || c == QLatin1Char('"') ? 0 : -1);
        if (prefix >= 0) {
            const int start = i;
            i += prefix;
            const QChar q = t[i];
            const bool triple = i + 2 < n && t[i + 1] == q && t[i + 2] == q;
            if (triple) {
                const QString close(3, q);
                const int end = int(t.indexOf(close, i + 3));
                if (end < 0) {
                    setFormat(start, n - start, string_);
                    setCurrentBlockState(q == QLatin1Char('\'') ? kTripleSingle : kTripleDouble);
                    return;
                }
                i = end + 3;
            } else {
                ++i;
                while (i < n && t[i] != q) {
                    if (t[i] == QLatin1Char('\\'))
                        ++i;
                    ++i;
                }
                i = std::min(n, i + 1);
            }
            setFormat(start, i - start, string_);
            continue;
        }
        if (c == QLatin1Char('@') && (i == 0 || t.left(i).trimmed().isEmpty())) {
            int j = i + 1;
            while (j < n && (isIdentPart(t[j]) || t[j] == QLatin1Char('.')))
                ++j;
            setFormat(i, j - i, decorator_);
            i = j;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && t[i + 1].isDigit())) {
            int j = i;
            while (j < n && (t[j].isLetterOrNumber() || t[j] == QLatin1Char('.') || t[j] == QLatin1Char('_')))
                ++j;
            setFormat(i, j - i, number_);
            i = j;
            continue;
        }
        if (isIdentStart(c)) {
            int j = i;
            while (j < n && isIdentPart(t[j]))
                ++j;
            const QString word = t.mid(i, j - i);
            if (afterDef) {
                setFormat(i, j - i, definition_);
                afterDef = false;
            } else if (word == QLatin1String("async") || word == QLatin1String("await")) {
                setFormat(i, j - i, async_);
            } else if (keywords().contains(word)) {
                setFormat(i, j - i, keyword_);
                afterDef = word == QLatin1String("def") || word == QLatin1String("class");
            } else if (word == QLatin1String("asyncio")) {
                setFormat(i, j - i, asyncio_);
            } else if (word == QLatin1String("self")) {
                setFormat(i, j - i, self_);
            } else if (builtins().contains(word) && !(i > 0 && t[i - 1] == QLatin1Char('.'))) {
                setFormat(i, j - i, builtin_);
            }
            i = j;
            continue;
        }
        ++i;
    }
}
