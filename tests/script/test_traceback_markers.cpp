// The two traceback printers' position markers and the "Did you mean" choice, checked
// against what CPython 3.11.7 prints (expected strings copied from python3 runs: the
// default excepthook, and traceback.format_exc() for the traceback-module style).
#include <script/runtime/suggestions.hpp>
#include <script/runtime/traceback_markers.hpp>

#include <QTest>

#include <string>
#include <vector>

using namespace script;

namespace {

SourcePos at(int line, int col, int end_line, int end_col)
{
    return SourcePos{line, end_line, static_cast<std::uint16_t>(col), static_cast<std::uint16_t>(end_col)};
}

}  // namespace

class TestTracebackMarkers : public QObject {
    Q_OBJECT

private slots:
    void parenthesizedOperandDiffersBetweenPrinters()
    {
        const std::string line = "    c = (a) // (b) + 2";
        const SourcePos pos = at(1, 8, 1, 18);
        QCOMPARE(traceback_position_markers(line, pos, TracebackStyle::excepthook), std::string("        ~~~~^^~~~~\n"));
        QCOMPARE(traceback_position_markers(line, pos, TracebackStyle::traceback_module), std::string("        ~~~~^~~~~~\n"));
    }

    void subscriptMarksTheBrackets()
    {
        const std::string line = "    x = [1]; y = x[ 3 ]";
        const SourcePos pos = at(1, 17, 1, 23);
        QCOMPARE(traceback_position_markers(line, pos, TracebackStyle::excepthook), std::string("                 ~^^^^^\n"));
        QCOMPARE(traceback_position_markers(line, pos, TracebackStyle::traceback_module), std::string("                 ~^^^^^\n"));
    }

    void trailingBlanksCountOnlyForTheExcepthook()
    {
        const std::string line = "    undefined_name   ";
        const SourcePos pos = at(1, 4, 1, 18);
        QCOMPARE(traceback_source_line(line, TracebackStyle::excepthook), std::string("    undefined_name   \n"));
        QCOMPARE(traceback_position_markers(line, pos, TracebackStyle::excepthook), std::string("    ^^^^^^^^^^^^^^\n"));
        QCOMPARE(traceback_source_line(line, TracebackStyle::traceback_module), std::string("    undefined_name\n"));
        QCOMPARE(traceback_position_markers(line, pos, TracebackStyle::traceback_module), std::string());
    }

    void wholeLineGetsNoMarkersUnlessItIsAnOperation()
    {
        QCOMPARE(traceback_position_markers("    undefined_name", at(1, 4, 1, 18)), std::string());
        QCOMPARE(traceback_position_markers("1/0", at(1, 0, 1, 3)), std::string("    ~^~\n"));
        QCOMPARE(traceback_position_markers("print(undefined_name)", at(1, 6, 1, 20)),
                 std::string("          ^^^^^^^^^^^^^^\n"));
    }

    void rangeOverSeveralLinesRunsToTheEndOfTheFirst()
    {
        QCOMPARE(traceback_position_markers("x = f(1,", at(1, 4, 2, 8)), std::string("        ^^^^\n"));
        QCOMPARE(traceback_position_markers("raise ValueError(", at(1, 0, 2, 8)), std::string());
    }

    void unknownColumnsGiveNoMarkers()
    {
        QCOMPARE(traceback_position_markers("x = y", SourcePos{1, 1, SourcePos::no_col, SourcePos::no_col}), std::string());
    }

    void closestNameFollowsCPythonsCosts()
    {
        using V = std::vector<std::string_view>;
        // A case change costs half an edit, so 'ab' beats 'xb' for 'Ab'.
        QCOMPARE(closest_name("Ab", V{"xb", "ab"}), std::string("ab"));
        // A transposition is two edits: too far for a four-letter name.
        QCOMPARE(closest_name("nmae", V{"name"}), std::string());
        QCOMPARE(closest_name("c", V{"a", "b"}), std::string());
        // Ties keep the first candidate; the name itself is never offered.
        QCOMPARE(closest_name("countr", V{"counter", "count"}), std::string("counter"));
        QCOMPARE(closest_name("countr", V{"count", "counter"}), std::string("count"));
        QCOMPARE(closest_name("sleeep", V{"sleeep", "sleepy", "sleep"}), std::string("sleep"));
        // Long names differing only in a shared affix are still compared.
        QCOMPARE(closest_name("somelongname_abcdefghijklmnopqrstuvwxyz_012345",
                              V{"somelongname_abcdefghijklmnopqrstuvwxyz_0123456"}),
                 std::string("somelongname_abcdefghijklmnopqrstuvwxyz_0123456"));
        // 750 candidates or more: CPython gives up.
        std::vector<std::string> many;
        for (int i = 0; i < 750; ++i) many.push_back("name_" + std::to_string(i));
        V views(many.begin(), many.end());
        QCOMPARE(closest_name("name_1x", views), std::string());
        views.pop_back();
        QCOMPARE(closest_name("name_1x", views), std::string("name_1"));
    }
};

QTEST_GUILESS_MAIN(TestTracebackMarkers)
#include "test_traceback_markers.moc"
