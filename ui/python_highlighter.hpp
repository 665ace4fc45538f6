// PythonHighlighter: syntax colours for the Python subset Loopscope runs: keywords (async and
// await stand out), builtins, the asyncio names, strings (also triple-quoted across lines,
// f-strings), numbers, comments, decorators. Light and dark palettes. GUI thread only.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QVector>

class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument* document);

    void setDark(bool dark);
    bool isDark() const { return dark_; }

    // The format applied to a kind of token, for tests: "keyword", "async", "builtin",
    // "asyncio", "string", "number", "comment", "decorator", "definition".
    QTextCharFormat formatFor(const QString& kind) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat* format;
        int group;
    };
    void buildFormats();

    bool dark_ = false;
    QTextCharFormat keyword_, async_, builtin_, asyncio_, string_, number_, comment_, decorator_, definition_, self_;
    QVector<Rule> rules_;
};
