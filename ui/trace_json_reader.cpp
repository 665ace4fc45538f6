#include <ui/trace_json_reader.hpp>

#include <ui/trace_json_writer.hpp>

#include <QFile>

#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

using aio::EventKind;

namespace {

constexpr int kMaxDepth = 200;
constexpr int kKindCount = int(EventKind::deadlock) + 1;

// A validating JSON scanner over the whole text that materialises only the "loopscope"
// section; everything else is checked and skipped. Recursive descent with a depth limit,
// so hostile nesting cannot exhaust the stack.
class Parser {
public:
    Parser(const char* data, std::size_t size) : begin_(data), p_(data), end_(data + size) {}

    bool parse()
    {
        ws();
        if (p_ == end_)
            return fail(p_, QStringLiteral("the file is empty"));
        if (*p_ == '[')
            return fail(p_, QStringLiteral("not a Loopscope trace: a bare array of trace events (from another tool) has no \"loopscope\" section"));
        if (*p_ != '{')
            return fail(p_, QStringLiteral("not a JSON trace: expected '{'"));
        ++p_;
        bool firstKey = true;
        for (;;) {
            ws();
            if (firstKey && p_ < end_ && *p_ == '}') {
                ++p_;
                break;
            }
            firstKey = false;
            std::string key;
            const char* keyAt = p_;
            if (!string(key))
                return false;
            if (!colon())
                return false;
            if (key == "loopscope") {
                if (haveSection_)
                    return fail(keyAt, QStringLiteral("a second \"loopscope\" section"));
                haveSection_ = true;
                if (!section())
                    return false;
            } else if (!skipValue(1)) {
                return false;
            }
            ws();
            if (p_ == end_)
                return eof();
            if (*p_ == ',') {
                ++p_;
                continue;
            }
            if (*p_ == '}') {
                ++p_;
                break;
            }
            return fail(p_, QStringLiteral("expected ',' or '}' after a value"));
        }
        ws();
        if (p_ != end_)
            return fail(p_, QStringLiteral("unexpected text after the end of the JSON document"));
        if (!haveSection_)
            return fail(begin_, QStringLiteral("not a Loopscope trace: it has no \"loopscope\" section (Chrome traces from other tools cannot be opened)"));
        if (!haveEvents_)
            return fail(sectionAt_, QStringLiteral("the \"loopscope\" section has no \"events\""));
        if (!haveStrings_)
            return fail(sectionAt_, QStringLiteral("the \"loopscope\" section has no \"strings\""));
        // Events read before the strings (keys in any order) are checked now.
        for (std::size_t i = 0; !direct_ && i < events_.size(); ++i)
            if (events_[i].text >= strings_.size())
                return fail(sectionAt_, QStringLiteral("event %1: text id %2 out of range (%3 strings)").arg(i).arg(events_[i].text).arg(strings_.size()));
        return true;
    }

    // The recorder holding what was read (after a successful parse()).
    std::unique_ptr<aio::Recorder> takeRecorder()
    {
        if (!direct_) {
            internStrings();
            for (aio::TraceEvent e : events_) {
                e.text = ids_[e.text];
                rec_->append(e);
            }
        }
        return std::move(rec_);
    }

    QString error() const { return error_; }
    const char* errorAt() const { return errorAt_; }
    // Interning in file order gives back the writer's ids; the map keeps odd files (repeated
    // strings) working too.
    void internStrings()
    {
        ids_.clear();
        ids_.reserve(strings_.size());
        for (const std::string& s : strings_)
            ids_.push_back(rec_->intern(s));
    }
    TraceJsonInfo info() const { return info_; }

private:
    bool fail(const char* at, const QString& msg)
    {
        if (error_.isEmpty()) {
            error_ = msg;
            errorAt_ = at;
        }
        return false;
    }
    bool eof() { return fail(end_, QStringLiteral("unexpected end of file (the trace is cut short)")); }

    void ws()
    {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t'))
            ++p_;
    }

    bool expectChar(char c, const char* what)
    {
        ws();
        if (p_ == end_)
            return eof();
        if (*p_ != c)
            return fail(p_, QStringLiteral("expected %1").arg(QLatin1String(what)));
        ++p_;
        return true;
    }
    bool colon() { return expectChar(':', "':' after a key"); }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool hex4(std::uint32_t& v)
    {
        if (end_ - p_ < 4)
            return eof();
        v = 0;
        for (int i = 0; i < 4; ++i) {
            const int d = hexDigit(p_[i]);
            if (d < 0)
                return fail(p_ + i, QStringLiteral("bad \\u escape in a string"));
            v = v * 16 + std::uint32_t(d);
        }
        p_ += 4;
        return true;
    }

    static void appendUtf8(std::string& out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out.push_back(char(cp));
        } else if (cp < 0x800) {
            out.push_back(char(0xC0 | (cp >> 6)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(char(0xE0 | (cp >> 12)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(char(0xF0 | (cp >> 18)));
            out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(char(0x80 | (cp & 0x3F)));
        }
    }

    // A string at p_ (after whitespace), decoded into `out` unless out is null.
    bool string(std::string& out) { return stringImpl(&out); }
    bool skipString() { return stringImpl(nullptr); }

    bool stringImpl(std::string* out)
    {
        ws();
        if (p_ == end_)
            return eof();
        if (*p_ != '"')
            return fail(p_, QStringLiteral("expected a string"));
        ++p_;
        if (out)
            out->clear();
        if (!out) {
            // Skipped strings (most of a Chrome trace, short names and keys): a tight scan to
            // the closing quote; control characters are not policed here.
            for (;;) {
                while (p_ < end_ && *p_ != '"' && *p_ != '\\')
                    ++p_;
                if (p_ == end_)
                    return eof();
                if (*p_ == '"') {
                    ++p_;
                    return true;
                }
                if (!escape(nullptr))
                    return false;
            }
        }
        for (;;) {
            const char* run = p_;
            while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20)
                ++p_;
            if (out)
                out->append(run, std::size_t(p_ - run));
            if (p_ == end_)
                return eof();
            const char c = *p_;
            if (c == '"') {
                ++p_;
                return true;
            }
            if (c != '\\')
                return fail(p_, QStringLiteral("control character inside a string"));
            if (!escape(out))
                return false;
        }
    }

    // The escape sequence at p_ (a backslash), appended to `out` decoded unless out is null.
    bool escape(std::string* out)
    {
        ++p_;
        if (p_ == end_)
            return eof();
        const char e = *p_++;
        char plain = 0;
        switch (e) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
            std::uint32_t cp = 0;
            if (!hex4(cp))
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                std::uint32_t lo = 0;
                if (end_ - p_ >= 2 && p_[0] == '\\' && p_[1] == 'u') {
                    p_ += 2;
                    if (!hex4(lo))
                        return false;
                }
                cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            if (out)
                appendUtf8(*out, cp);
            return true;
        }
        default:
            return fail(p_ - 1, QStringLiteral("bad escape '\\%1' in a string").arg(QLatin1Char(e)));
        }
        if (out)
            out->push_back(plain);
        return true;
    }

    // A JSON number; `integer` is set when it has no fraction or exponent and fits int64.
    bool number(std::int64_t& value, bool& integer)
    {
        const char* start = p_;
        bool neg = false;
        if (p_ < end_ && *p_ == '-') {
            neg = true;
            ++p_;
        }
        if (p_ == end_)
            return eof();
        if (*p_ < '0' || *p_ > '9')
            return fail(start, QStringLiteral("expected a value"));
        std::uint64_t mag = 0;
        bool overflow = false;
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
                overflow |= __builtin_mul_overflow(mag, 10u, &mag);
                overflow |= __builtin_add_overflow(mag, std::uint64_t(*p_ - '0'), &mag);
                ++p_;
            }
        }
        integer = true;
        if (p_ < end_ && *p_ == '.') {
            integer = false;
            ++p_;
            if (p_ == end_)
                return eof();
            if (*p_ < '0' || *p_ > '9')
                return fail(p_, QStringLiteral("bad number: digits expected after '.'"));
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9')
                ++p_;
        }
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
            integer = false;
            ++p_;
            if (p_ < end_ && (*p_ == '+' || *p_ == '-'))
                ++p_;
            if (p_ == end_)
                return eof();
            if (*p_ < '0' || *p_ > '9')
                return fail(p_, QStringLiteral("bad number: digits expected in the exponent"));
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9')
                ++p_;
        }
        const std::uint64_t limit = neg ? std::uint64_t(INT64_MAX) + 1 : std::uint64_t(INT64_MAX);
        if (overflow || mag > limit) {
            integer = false;
            overflowed_ = true;
        } else {
            overflowed_ = false;
            value = neg ? std::int64_t(0 - mag) : std::int64_t(mag);
        }
        return true;
    }

    bool literal(const char* word)
    {
        const std::size_t n = std::strlen(word);
        if (std::size_t(end_ - p_) < n) {
            if (std::memcmp(p_, word, std::size_t(end_ - p_)) == 0)
                return eof();
            return fail(p_, QStringLiteral("expected a value"));
        }
        if (std::memcmp(p_, word, n) != 0)
            return fail(p_, QStringLiteral("expected a value"));
        p_ += n;
        return true;
    }

    bool skipValue(int depth)
    {
        if (depth > kMaxDepth)
            return fail(p_, QStringLiteral("nested more than %1 levels deep").arg(kMaxDepth));
        ws();
        if (p_ == end_)
            return eof();
        switch (*p_) {
        case '"':
            return skipString();
        case '{': {
            ++p_;
            ws();
            if (p_ < end_ && *p_ == '}') {
                ++p_;
                return true;
            }
            for (;;) {
                if (!skipString() || !colon() || !skipValue(depth + 1))
                    return false;
                ws();
                if (p_ == end_)
                    return eof();
                if (*p_ == ',') {
                    ++p_;
                    continue;
                }
                if (*p_ == '}') {
                    ++p_;
                    return true;
                }
                return fail(p_, QStringLiteral("expected ',' or '}' in an object"));
            }
        }
        case '[': {
            ++p_;
            ws();
            if (p_ < end_ && *p_ == ']') {
                ++p_;
                return true;
            }
            for (;;) {
                if (!skipValue(depth + 1))
                    return false;
                ws();
                if (p_ == end_)
                    return eof();
                if (*p_ == ',') {
                    ++p_;
                    continue;
                }
                if (*p_ == ']') {
                    ++p_;
                    return true;
                }
                return fail(p_, QStringLiteral("expected ',' or ']' in an array"));
            }
        }
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default: {
            std::int64_t v = 0;
            bool integer = false;
            return number(v, integer);
        }
        }
    }

    // An integer field of event `index`, within [lo, hi].
    bool intField(std::int64_t& v, std::size_t index, const char* field, std::int64_t lo, std::int64_t hi)
    {
        ws();
        const char* at = p_;
        if (p_ == end_)
            return eof();
        if (*p_ != '-' && (*p_ < '0' || *p_ > '9'))
            return fail(at, QStringLiteral("event %1: %2 must be an integer").arg(index).arg(QLatin1String(field)));
        bool integer = false;
        if (!number(v, integer))
            return false;
        if (overflowed_)
            return fail(at, QStringLiteral("event %1: %2 is out of range").arg(index).arg(QLatin1String(field)));
        if (!integer)
            return fail(at, QStringLiteral("event %1: %2 must be an integer").arg(index).arg(QLatin1String(field)));
        if (v < lo || v > hi)
            return fail(at, QStringLiteral("event %1: %2 %3 is out of range [%4, %5]").arg(index).arg(QLatin1String(field)).arg(v).arg(lo).arg(hi));
        return true;
    }

    bool comma(std::size_t index)
    {
        ws();
        if (p_ == end_)
            return eof();
        if (*p_ == ']')
            return fail(p_, QStringLiteral("event %1: too few fields (expected 7: time_ns, kind, sub, a, b, value, text)").arg(index));
        if (*p_ != ',')
            return fail(p_, QStringLiteral("event %1: expected ','").arg(index));
        ++p_;
        return true;
    }

    bool kindField(EventKind& kind, std::size_t index)
    {
        ws();
        const char* at = p_;
        if (p_ < end_ && *p_ == '"') {
            if (!string(scratch_))
                return false;
            static const std::array<std::string_view, kKindCount> names = [] {
                std::array<std::string_view, kKindCount> n{};
                for (int k = 0; k < kKindCount; ++k)
                    n[std::size_t(k)] = aio::to_string(EventKind(k));
                return n;
            }();
            for (int k = 0; k < kKindCount; ++k)
                if (names[std::size_t(k)] == scratch_) {
                    kind = EventKind(k);
                    return true;
                }
            return fail(at, QStringLiteral("event %1: unknown kind \"%2\"").arg(index).arg(QString::fromUtf8(scratch_.data(), qsizetype(std::min<std::size_t>(scratch_.size(), 60)))));
        }
        std::int64_t v = 0;
        if (!intField(v, index, "kind", 0, kKindCount - 1))
            return false;
        kind = EventKind(v);
        return true;
    }

    bool event(std::size_t index)
    {
        ws();
        if (p_ == end_)
            return eof();
        if (*p_ != '[')
            return fail(p_, QStringLiteral("event %1: expected an array [time_ns, kind, sub, a, b, value, text]").arg(index));
        ++p_;
        aio::TraceEvent e{};
        std::int64_t v = 0;
        if (!intField(v, index, "time_ns", INT64_MIN, INT64_MAX))
            return false;
        e.time_ns = v;
        if (!comma(index) || !kindField(e.kind, index) || !comma(index))
            return false;
        if (!intField(v, index, "sub", 0, 255))
            return false;
        e.sub = std::uint8_t(v);
        if (!comma(index) || !intField(v, index, "a", 0, UINT32_MAX))
            return false;
        e.a = aio::ObjectId(v);
        if (!comma(index) || !intField(v, index, "b", 0, UINT32_MAX))
            return false;
        e.b = aio::ObjectId(v);
        if (!comma(index) || !intField(v, index, "value", INT64_MIN, INT64_MAX))
            return false;
        e.value = v;
        if (!comma(index))
            return false;
        ws();
        const char* textAt = p_;
        if (!intField(v, index, "text", 0, UINT32_MAX))
            return false;
        if (haveStrings_ && std::size_t(v) >= strings_.size())
            return fail(textAt, QStringLiteral("event %1: text id %2 out of range (%3 strings)").arg(index).arg(v).arg(strings_.size()));
        e.text = std::uint32_t(v);
        ws();
        if (p_ == end_)
            return eof();
        if (*p_ != ']')
            return fail(p_, QStringLiteral("event %1: too many fields (expected 7)").arg(index));
        ++p_;
        if (direct_) {
            e.text = ids_[e.text];
            rec_->append(e);
        } else {
            events_.push_back(e);
        }
        return true;
    }

    template <typename Item>
    bool array(const char* what, Item item)
    {
        ws();
        if (p_ == end_)
            return eof();
        if (*p_ != '[')
            return fail(p_, QStringLiteral("\"%1\" must be an array").arg(QLatin1String(what)));
        ++p_;
        ws();
        if (p_ < end_ && *p_ == ']') {
            ++p_;
            return true;
        }
        for (std::size_t i = 0;; ++i) {
            if (!item(i))
                return false;
            ws();
            if (p_ == end_)
                return eof();
            if (*p_ == ',') {
                ++p_;
                continue;
            }
            if (*p_ == ']') {
                ++p_;
                return true;
            }
            return fail(p_, QStringLiteral("expected ',' or ']' in \"%1\"").arg(QLatin1String(what)));
        }
    }

    bool section()
    {
        ws();
        sectionAt_ = p_;
        if (p_ == end_)
            return eof();
        if (*p_ != '{')
            return fail(p_, QStringLiteral("\"loopscope\" must be an object"));
        ++p_;
        ws();
        if (p_ < end_ && *p_ == '}') {
            ++p_;
            return fail(sectionAt_, QStringLiteral("the \"loopscope\" section is empty"));
        }
        bool haveFormat = false;
        for (;;) {
            std::string key;
            if (!string(key) || !colon())
                return false;
            ws();
            const char* at = p_;
            if (key == "format") {
                std::string format;
                if (p_ < end_ && *p_ != '"')
                    return fail(at, QStringLiteral("\"format\" must be a string"));
                if (!string(format))
                    return false;
                if (format != "loopscope-trace")
                    return fail(at, QStringLiteral("unknown format \"%1\" (expected \"loopscope-trace\")").arg(QString::fromUtf8(format.data(), qsizetype(std::min<std::size_t>(format.size(), 60)))));
                haveFormat = true;
            } else if (key == "version") {
                std::int64_t v = 0;
                bool integer = false;
                if (p_ < end_ && *p_ != '-' && (*p_ < '0' || *p_ > '9'))
                    return fail(at, QStringLiteral("\"version\" must be a number"));
                if (!number(v, integer))
                    return false;
                if (!integer || v < 1)
                    return fail(at, QStringLiteral("bad \"version\""));
                if (v > kTraceJsonVersion)
                    return fail(at, QStringLiteral("written by a newer Loopscope (trace version %1; this one reads up to %2)").arg(v).arg(kTraceJsonVersion));
                info_.version = int(v);
            } else if (key == "title" || key == "generator") {
                std::string s;
                if (p_ < end_ && *p_ != '"')
                    return fail(at, QStringLiteral("\"%1\" must be a string").arg(QString::fromStdString(key)));
                if (!string(s))
                    return false;
                (key == "title" ? info_.title : info_.generator) = QString::fromUtf8(s.data(), qsizetype(s.size()));
            } else if (key == "strings") {
                if (haveStrings_)
                    return fail(at, QStringLiteral("a second \"strings\" array"));
                if (!array("strings", [&](std::size_t i) {
                        ws();
                        if (p_ < end_ && *p_ != '"')
                            return fail(p_, QStringLiteral("string %1 is not a string").arg(i));
                        strings_.emplace_back();
                        return string(strings_.back());
                    }))
                    return false;
                haveStrings_ = true;
            } else if (key == "events") {
                if (haveEvents_)
                    return fail(at, QStringLiteral("a second \"events\" array"));
                // With the strings known (as the writer orders them), events go straight into
                // the recorder; otherwise they wait in a vector for the strings.
                direct_ = haveStrings_;
                if (direct_)
                    internStrings();
                if (!array("events", [&](std::size_t i) { return event(i); }))
                    return false;
                haveEvents_ = true;
            } else if (!skipValue(3)) {
                return false;
            }
            ws();
            if (p_ == end_)
                return eof();
            if (*p_ == ',') {
                ++p_;
                continue;
            }
            if (*p_ == '}') {
                ++p_;
                break;
            }
            return fail(p_, QStringLiteral("expected ',' or '}' in the \"loopscope\" section"));
        }
        if (!haveFormat)
            return fail(sectionAt_, QStringLiteral("the \"loopscope\" section has no \"format\""));
        return true;
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    QString error_;
    const char* errorAt_ = nullptr;
    bool overflowed_ = false;
    bool haveSection_ = false;
    bool haveStrings_ = false;
    bool haveEvents_ = false;
    const char* sectionAt_ = nullptr;
    std::string scratch_;
    std::vector<aio::TraceEvent> events_;
    std::vector<std::string> strings_;
    std::vector<std::uint32_t> ids_;
    bool direct_ = false;
    std::unique_ptr<aio::Recorder> rec_ = std::make_unique<aio::Recorder>();
    TraceJsonInfo info_;
};

// 1-based line and column (in characters) of `at`.
std::pair<int, int> lineColumn(const char* begin, const char* at)
{
    int line = 1;
    const char* lineStart = begin;
    for (const char* q = begin; q < at; ++q)
        if (*q == '\n') {
            ++line;
            lineStart = q + 1;
        }
    int column = 1;
    for (const char* q = lineStart; q < at; ++q)
        if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80)
            ++column;
    return {line, column};
}

std::unique_ptr<aio::Recorder> readTraceData(const char* data, std::size_t size, QString* error, TraceJsonInfo* info,
                                             const QString& sourceName)
{
    Parser parser(data, size);
    if (!parser.parse()) {
        if (error) {
            const auto [line, column] = lineColumn(data, parser.errorAt() ? parser.errorAt() : data);
            *error = QStringLiteral("%1:%2:%3: %4")
                         .arg(sourceName.isEmpty() ? QStringLiteral("trace") : sourceName)
                         .arg(line)
                         .arg(column)
                         .arg(parser.error());
        }
        return nullptr;
    }
    auto rec = parser.takeRecorder();
    if (info)
        *info = parser.info();
    return rec;
}

}  // namespace

std::unique_ptr<aio::Recorder> readTraceJson(const QByteArray& json, QString* error, TraceJsonInfo* info,
                                             const QString& sourceName)
{
    return readTraceData(json.constData(), std::size_t(json.size()), error, info, sourceName);
}

std::unique_ptr<aio::Recorder> readTraceJsonFile(const QString& path, QString* error, TraceJsonInfo* info)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(path, f.errorString());
        return nullptr;
    }
    const qint64 size = f.size();
    if (size > 0) {
        // Mapped, not copied: a million-event trace is a few hundred megabytes.
        if (const uchar* mapped = f.map(0, size))
            return readTraceData(reinterpret_cast<const char*>(mapped), std::size_t(size), error, info, path);
    }
    const QByteArray data = f.readAll();
    if (f.error() != QFileDevice::NoError) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return nullptr;
    }
    return readTraceData(data.constData(), std::size_t(data.size()), error, info, path);
}
