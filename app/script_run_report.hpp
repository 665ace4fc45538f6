// What a finished script::ScriptRun tells a ProgramRunner's Sink: its diagnostics as
// RunDiagnostics, the program's own stderr (not the error reports the console already shows
// as diagnostics) and the outcome. Shared by the runner that runs ahead (run_session.cpp)
// and the live one (live_script_runner.cpp), so both report a run the same way.
// Threading: plain functions; call them on the thread that ran the program.
#pragma once

#include <app/run_session.hpp>

#if __has_include(<script/runtime/script_run.hpp>)
#include <script/runtime/script_run.hpp>

#include <string>
#include <utility>
#include <vector>

RunDiagnostic toRunDiagnostic(const script::Diagnostic& d);

// Text the program wrote to stderr, with the loop time (ns) it was written at.
using ScriptErrorText = std::vector<std::pair<std::string, qint64>>;

// Reports the end of a run whose exit code is `exitCode` (ScriptRun's: 0 ok, 3 stopped,
// else failed or deadlocked): stderr text that is not an error report, every diagnostic
// except the "stuck" ones (reported as they happened), then `finished`.
void reportScriptEnd(const ProgramRunner::Sink& sink, int exitCode, const std::vector<script::Diagnostic>& diagnostics,
                     const ScriptErrorText& errText);
#endif
