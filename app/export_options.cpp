#include <app/export_options.hpp>

#include <app/run_limits.hpp>

#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace {

bool fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return false;
}

bool parseInt(const QString& option, const QString& text, int lo, int hi, int* out, QString* error)
{
    bool ok = false;
    const int v = text.trimmed().toInt(&ok);
    if (!ok || v < lo || v > hi)
        return fail(error, QStringLiteral("export: %1 wants a whole number from %2 to %3, not '%4'").arg(option).arg(lo).arg(hi).arg(text));
    *out = v;
    return true;
}

bool parseDouble(const QString& option, const QString& text, double lo, double hi, double* out, QString* error)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < lo || v > hi)
        return fail(error, QStringLiteral("export: %1 wants a number from %2 to %3, not '%4'").arg(option).arg(lo).arg(hi).arg(text));
    *out = v;
    return true;
}

}  // namespace

QString ExportOptions::sourceName() const
{
    return demo.isEmpty() ? QFileInfo(script).fileName() : demo;
}

QString exportUsage()
{
    return QStringLiteral(
        "usage: loopscope export FILE.py|--demo NAME -o OUT.png|.svg|.pdf|.json\n"
        "         [--width W] [--height H] [--scale S] [--theme light|dark]\n"
        "         [--from SECONDS] [--to SECONDS] [--no-resources] [--title TEXT]\n"
        "         [--timeout SECONDS]\n"
        "Runs FILE.py or the demo headless on the virtual clock (or reads a trace that\n"
        "`loopscope run --trace` or export wrote) and draws its timeline to OUT.\n"
        "  -o, --output FILE   .png, .svg, .pdf (a picture) or .json (a trace for Perfetto)\n"
        "  --width W           picture width in pixels (default 1600)\n"
        "  --height H          picture height (default: fits every lane)\n"
        "  --scale S           device pixel ratio, for HiDPI PNGs\n"
        "  --theme light|dark  colours\n"
        "  --from S, --to S    crop to this time range (seconds)\n"
        "  --no-resources      hide the semaphore/lock/queue lanes\n"
        "  --title T           title band text (default: the file or demo name)\n"
        "  --timeout SECONDS   stop the program after this many wall seconds\n"
        "A program that does not end is stopped after %1 events or %2 s of loop\n"
        "time; what it recorded until then is exported (exit status 3).\n")
        .arg(RunLimits::kMaxEvents)
        .arg(RunLimits::kMaxVirtualNs / 1'000'000'000);
}

std::optional<ExportOptions> parseExportOptions(const QStringList& args, QString* error)
{
    ExportOptions o;
    bool haveFrom = false, haveTo = false;
    for (int i = 0; i < args.size(); ++i) {
        QString arg = args[i];
        QString inlineValue;
        bool hasInline = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            const int eq = int(arg.indexOf(QLatin1Char('=')));
            inlineValue = arg.mid(eq + 1);
            arg = arg.left(eq);
            hasInline = true;
        }
        // The value of an option: inline (--width=800) or the next word.
        auto value = [&](QString* out) {
            if (hasInline) {
                *out = inlineValue;
                return true;
            }
            if (i + 1 >= args.size())
                return fail(error, QStringLiteral("export: %1 needs a value").arg(arg));
            *out = args[++i];
            return true;
        };
        QString v;
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            ExportOptions help;
            help.help = true;
            return help;
        }
        if (arg == QLatin1String("-o") || arg == QLatin1String("--output")) {
            if (!value(&v))
                return std::nullopt;
            if (v.isEmpty()) {
                fail(error, QStringLiteral("export: %1 needs a file name").arg(arg));
                return std::nullopt;
            }
            o.output = v;
        } else if (arg == QLatin1String("--demo")) {
            if (!value(&v))
                return std::nullopt;
            if (v.isEmpty()) {
                fail(error, QStringLiteral("export: --demo needs a demo name (see `loopscope demos`)"));
                return std::nullopt;
            }
            o.demo = v;
        } else if (arg == QLatin1String("--width")) {
            if (!value(&v) || !parseInt(arg, v, 200, 32000, &o.width, error))
                return std::nullopt;
        } else if (arg == QLatin1String("--height")) {
            if (!value(&v) || !parseInt(arg, v, 100, 32000, &o.height, error))
                return std::nullopt;
        } else if (arg == QLatin1String("--scale")) {
            if (!value(&v) || !parseDouble(arg, v, 0.25, 8, &o.scale, error))
                return std::nullopt;
        } else if (arg == QLatin1String("--theme")) {
            if (!value(&v))
                return std::nullopt;
            const QString t = v.toLower();
            if (t != QLatin1String("light") && t != QLatin1String("dark")) {
                fail(error, QStringLiteral("export: --theme is light or dark, not '%1'").arg(v));
                return std::nullopt;
            }
            o.theme = t;
        } else if (arg == QLatin1String("--from")) {
            if (!value(&v) || !parseDouble(arg, v, 0, 1e9, &o.fromSeconds, error))
                return std::nullopt;
            haveFrom = true;
        } else if (arg == QLatin1String("--to")) {
            if (!value(&v) || !parseDouble(arg, v, 0, 1e9, &o.toSeconds, error))
                return std::nullopt;
            haveTo = true;
        } else if (arg == QLatin1String("--no-resources")) {
            if (hasInline) {
                fail(error, QStringLiteral("export: --no-resources takes no value"));
                return std::nullopt;
            }
            o.showResources = false;
        } else if (arg == QLatin1String("--timeout")) {
            if (!value(&v) || !parseDouble(arg, v, 0.001, 1e9, &o.timeoutSeconds, error))
                return std::nullopt;
        } else if (arg == QLatin1String("--title")) {
            if (!value(&v))
                return std::nullopt;
            o.title = v;
        } else if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1) {
            fail(error, QStringLiteral("export: unknown option '%1'").arg(args[i]));
            return std::nullopt;
        } else {
            if (!o.script.isEmpty()) {
                fail(error, QStringLiteral("export: one program at a time ('%1' and '%2')").arg(o.script, arg));
                return std::nullopt;
            }
            o.script = arg;
        }
    }
    if (!o.script.isEmpty() && !o.demo.isEmpty()) {
        fail(error, QStringLiteral("export: give FILE.py or --demo NAME, not both"));
        return std::nullopt;
    }
    if (o.script.isEmpty() && o.demo.isEmpty()) {
        fail(error, QStringLiteral("export: which program? Give FILE.py or --demo NAME"));
        return std::nullopt;
    }
    if (o.output.isEmpty()) {
        fail(error, QStringLiteral("export: where to? Give -o OUT.png, .svg, .pdf or .json"));
        return std::nullopt;
    }
    if (o.output.endsWith(QLatin1Char('/')) || QFileInfo(o.output).isDir()) {
        fail(error, QStringLiteral("export: %1: is a directory; give a file name such as %2").arg(o.output, QDir(o.output).filePath(o.sourceName().section(QLatin1Char('.'), 0, 0) + QLatin1String(".png"))));
        return std::nullopt;
    }
    const QString ext = QFileInfo(o.output).suffix().toLower();
    if (ext == QLatin1String("png"))
        o.format = ExportOptions::Format::Png;
    else if (ext == QLatin1String("svg"))
        o.format = ExportOptions::Format::Svg;
    else if (ext == QLatin1String("pdf"))
        o.format = ExportOptions::Format::Pdf;
    else if (ext == QLatin1String("json"))
        o.format = ExportOptions::Format::Json;
    else {
        fail(error, ext.isEmpty() ? QStringLiteral("export: %1 has no extension; use .png, .svg, .pdf or .json").arg(o.output)
                                  : QStringLiteral("export: unknown output format '.%1' (use .png, .svg, .pdf or .json)").arg(ext));
        return std::nullopt;
    }
    if (haveFrom && haveTo && o.toSeconds <= o.fromSeconds) {
        fail(error, QStringLiteral("export: --to (%1) must be later than --from (%2)").arg(o.toSeconds).arg(o.fromSeconds));
        return std::nullopt;
    }
    if (o.format == ExportOptions::Format::Json) {
        // A trace holds the whole run; picture options would silently do nothing.
        const bool picture = o.width || o.height || o.scale != 1 || haveFrom || haveTo || !o.showResources
            || o.theme != QLatin1String("light");
        if (picture) {
            fail(error, QStringLiteral("export: --width, --height, --scale, --theme, --from, --to and --no-resources apply to pictures, not to a .json trace"));
            return std::nullopt;
        }
    }
    return o;
}
