#include <app/script_run_report.hpp>

#if __has_include(<script/runtime/script_run.hpp>)

RunDiagnostic toRunDiagnostic(const script::Diagnostic& d)
{
    RunDiagnostic r;
    switch (d.kind) {
    case script::Diagnostic::Kind::syntax: r.kind = RunDiagnostic::Kind::Syntax; break;
    case script::Diagnostic::Kind::exception: r.kind = RunDiagnostic::Kind::Exception; break;
    case script::Diagnostic::Kind::deadlock: r.kind = RunDiagnostic::Kind::Deadlock; break;
    case script::Diagnostic::Kind::stopped: r.kind = RunDiagnostic::Kind::Stopped; break;
    case script::Diagnostic::Kind::stuck: r.kind = RunDiagnostic::Kind::Stuck; break;
    }
    r.severity = d.kind == script::Diagnostic::Kind::stuck || d.kind == script::Diagnostic::Kind::stopped
                     ? RunDiagnostic::Severity::Warning
                     : RunDiagnostic::Severity::Error;
    r.fileName = QString::fromStdString(d.file);
    r.line = d.line;
    r.column = d.column;
    r.message = QString::fromStdString(d.message);
    r.details = QString::fromStdString(d.details);
    while (r.details.endsWith(QLatin1Char('\n')))
        r.details.chop(1);
    return r;
}

void reportScriptEnd(const ProgramRunner::Sink& sink, int exitCode, const std::vector<script::Diagnostic>& diagnostics,
                     const ScriptErrorText& errText)
{
    auto trimmed = [](std::string t) {
        while (!t.empty() && (t.back() == '\n' || t.back() == ' '))
            t.pop_back();
        return t;
    };
    // The console shows each diagnostic (it has the line), so an error report written to
    // stderr as well would show twice: only the program's own stderr is passed on.
    for (const auto& [text, t] : errText) {
        const std::string mine = trimmed(text);
        bool isReport = mine.empty();
        for (const script::Diagnostic& d : diagnostics) {
            const std::string theirs = trimmed(d.details.empty() ? d.message : d.details);
            isReport |= !theirs.empty() && (theirs.find(mine) != std::string::npos || mine.find(theirs) != std::string::npos);
        }
        if (!isReport)
            sink.stderrText(QString::fromStdString(text), t);
    }
    bool deadlock = false;
    QString message;
    for (const script::Diagnostic& d : diagnostics) {
        if (d.kind == script::Diagnostic::Kind::stuck)
            continue;  // already reported as it happened
        deadlock |= d.kind == script::Diagnostic::Kind::deadlock;
        if (message.isEmpty())
            message = QString::fromStdString(d.message);
        sink.diagnostic(toRunDiagnostic(d));
    }
    const RunOutcome outcome = exitCode == 0 ? RunOutcome::Finished
                               : exitCode == 3 ? RunOutcome::Stopped
                               : deadlock ? RunOutcome::Deadlocked
                                          : RunOutcome::Failed;
    sink.finished(outcome, message);
}

#endif
