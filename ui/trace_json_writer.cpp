#include <ui/trace_json_writer.hpp>

#include <ui/timeline_export.hpp>
#include <ui/timeline_model.hpp>

#include <QBuffer>
#include <QSaveFile>

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using aio::EventKind;

namespace {

constexpr int kPid = 1;
constexpr int kLoopTid = 1;

// Buffered JSON text, flushed to the device a megabyte at a time.
class Sink {
public:
    explicit Sink(QIODevice& dev) : dev_(dev) { buf_.reserve(kFlushAt + 4096); }

    void raw(std::string_view s)
    {
        buf_.append(s);
        if (buf_.size() >= kFlushAt)
            flush();
    }
    void num(std::int64_t v)
    {
        char tmp[24];
        const auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
        buf_.append(tmp, std::size_t(r.ptr - tmp));
    }
    // Nanoseconds as microseconds, exactly: "1234.5" for 1234500 ns.
    void micros(std::int64_t ns)
    {
        if (ns < 0) {
            buf_.push_back('-');
            if (ns == INT64_MIN) {  // cannot be negated; never produced by a clock
                buf_.append("9223372036854775.808");
                return;
            }
            ns = -ns;
        }
        num(ns / 1000);
        int frac = int(ns % 1000);
        if (frac == 0)
            return;
        char digits[4] = {'.', char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10)};
        int len = 4;
        while (digits[len - 1] == '0')
            --len;
        buf_.append(digits, std::size_t(len));
    }
    void str(std::string_view s)
    {
        buf_.push_back('"');
        std::size_t i = 0;
        const std::size_t n = s.size();
        while (i < n) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                std::size_t j = i + 1;
                while (j < n) {
                    const unsigned char d = static_cast<unsigned char>(s[j]);
                    if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
                        break;
                    ++j;
                }
                buf_.append(s.data() + i, j - i);
                i = j;
                continue;
            }
            if (c < 0x80) {
                switch (c) {
                case '"': buf_.append("\\\""); break;
                case '\\': buf_.append("\\\\"); break;
                case '\n': buf_.append("\\n"); break;
                case '\t': buf_.append("\\t"); break;
                case '\r': buf_.append("\\r"); break;
                default: {
                    static const char hex[] = "0123456789abcdef";
                    const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                    buf_.append(esc, 6);
                }
                }
                ++i;
                continue;
            }
            // Multi-byte UTF-8: copied when well formed, else U+FFFD (JSON must be Unicode).
            const std::size_t len = utf8Length(s, i);
            if (len == 0) {
                buf_.append("\xEF\xBF\xBD");
                ++i;
            } else {
                buf_.append(s.data() + i, len);
                i += len;
            }
        }
        buf_.push_back('"');
    }
    void flush()
    {
        if (!failed_ && !buf_.empty() && dev_.write(buf_.data(), qint64(buf_.size())) != qint64(buf_.size()))
            failed_ = true;
        buf_.clear();
    }
    bool failed() const { return failed_; }

private:
    static std::size_t utf8Length(std::string_view s, std::size_t i)
    {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
        const unsigned char c = b(i);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > s.size())
            return 0;
        for (std::size_t k = 1; k < len; ++k) {
            if ((b(i + k) & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (b(i + k) & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        return len;
    }

    static constexpr std::size_t kFlushAt = std::size_t{1} << 20;
    QIODevice& dev_;
    std::string buf_;
    bool failed_ = false;
};

class TraceJsonWriter {
public:
    TraceJsonWriter(const aio::Recorder& rec, Sink& out, const TraceJsonWriteOptions& options)
        : rec_(rec), model_(rec), out_(out), options_(options)
    {
        model_.update();
        n_ = model_.eventCount();
        end_ = model_.endTime();
    }

    void write()
    {
        out_.raw("{\"traceEvents\":[\n");
        assignTracks();
        writeMetadata();
        writeLoop();
        for (aio::ObjectId id : laneOrder_)
            writeTask(*model_.task(id));
        writeWorkers();
        writeInstants();
        writeCounters();
        writeFlows();
        out_.raw("\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{\"generator\":");
        out_.str(generatorUtf8());
        out_.raw(",\"title\":");
        out_.str(options_.title.toUtf8().toStdString());
        out_.raw("},\n");
        writeRaw();
        out_.raw("}\n");
        out_.flush();
    }

private:
    std::string generatorUtf8() const
    {
        return options_.generator.isEmpty() ? std::string("loopscope") : options_.generator.toUtf8().toStdString();
    }

    std::string_view text(std::uint32_t id) const { return rec_.string(id); }

    std::string taskName(aio::ObjectId id) const
    {
        const TimelineTask* t = model_.task(id);
        const std::string_view name = t ? text(t->nameText) : std::string_view();
        if (!name.empty())
            return std::string(name);
        return (t ? "Task-" : "#") + std::to_string(id);
    }

    std::string resourceLabel(const TimelineResource& r) const
    {
        const char* kind = "Resource";
        switch (r.kind) {
        case aio::ResourceKind::lock: kind = "Lock"; break;
        case aio::ResourceKind::semaphore: kind = "Semaphore"; break;
        case aio::ResourceKind::bounded_semaphore: kind = "BoundedSemaphore"; break;
        case aio::ResourceKind::event: kind = "Event"; break;
        case aio::ResourceKind::condition: kind = "Condition"; break;
        case aio::ResourceKind::queue: kind = "Queue"; break;
        case aio::ResourceKind::priority_queue: kind = "PriorityQueue"; break;
        case aio::ResourceKind::lifo_queue: kind = "LifoQueue"; break;
        case aio::ResourceKind::future: kind = "Future"; break;
        case aio::ResourceKind::thread_pool: kind = "ThreadPool"; break;
        }
        std::string_view name = text(r.nameText);
        std::string s = std::string(kind) + " '";
        s += name.empty() ? "#" + std::to_string(r.id) : std::string(name);
        return s + "'";
    }

    // Tasks in lane order (creators above what they create), as the window shows them.
    void assignTracks()
    {
        std::vector<std::pair<aio::ObjectId, std::size_t>> stack;
        for (aio::ObjectId root : model_.rootTasks()) {
            laneOrder_.push_back(root);
            stack.push_back({root, 0});
            while (!stack.empty()) {
                auto& [id, next] = stack.back();
                const TimelineTask* t = model_.task(id);
                if (next >= t->children.size()) {
                    stack.pop_back();
                    continue;
                }
                const aio::ObjectId child = t->children[next++];
                laneOrder_.push_back(child);
                stack.push_back({child, 0});
            }
        }
        int tid = kLoopTid + 1;
        for (aio::ObjectId id : laneOrder_)
            taskTid_[id] = tid++;
        for (const TimelineWorker& w : model_.workers())
            workerTid_[w.slot] = tid++;
    }

    void begin(const char* ph, int tid)
    {
        out_.raw(first_ ? "{\"ph\":\"" : ",\n{\"ph\":\"");
        first_ = false;
        out_.raw(ph);
        out_.raw("\",\"pid\":1,\"tid\":");
        out_.num(tid);
    }
    void end() { out_.raw("}"); }

    void threadName(int tid, std::string_view name)
    {
        begin("M", tid);
        out_.raw(",\"name\":\"thread_name\",\"args\":{\"name\":");
        out_.str(name);
        out_.raw("}}");
        begin("M", tid);
        out_.raw(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":");
        out_.num(tid);
        out_.raw("}}");
    }

    void writeMetadata()
    {
        begin("M", 0);
        out_.raw(",\"name\":\"process_name\",\"args\":{\"name\":");
        out_.str(options_.title.isEmpty() ? std::string("Loopscope") : "Loopscope: " + options_.title.toUtf8().toStdString());
        out_.raw("}}");
        threadName(kLoopTid, "event loop");
        for (aio::ObjectId id : laneOrder_)
            threadName(taskTid_[id], taskName(id));
        for (const TimelineWorker& w : model_.workers())
            threadName(workerTid_[w.slot], "worker thread " + std::to_string(w.slot));
    }

    // A complete slice; the caller writes ,"args":{...} or nothing, then end().
    void slice(int tid, std::int64_t from, std::int64_t to, std::string_view name, const char* cat)
    {
        begin("X", tid);
        out_.raw(",\"ts\":");
        out_.micros(from);
        out_.raw(",\"dur\":");
        out_.micros(std::max<std::int64_t>(to - from, 0));
        if (cat) {  // optional in the format; left out where the name says it all, to keep files small
            out_.raw(",\"cat\":\"");
            out_.raw(cat);
            out_.raw("\"");
        }
        out_.raw(",\"name\":");
        out_.str(name);
    }

    void writeLoop()
    {
        // One slice for the whole run, so every loop span, and every flow starting on the
        // loop's track, has a slice to nest in.
        const std::int64_t start = model_.startTime();
        slice(kLoopTid, start, std::max(end_, start), "run", "loop");
        end();
        const auto& spans = model_.loopSpans();
        const auto& blocked = model_.blockedEvents();
        std::size_t b = 0;
        std::int64_t lastEnd = start;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const LoopSpan& s = spans[i];
            std::int64_t from = std::max<std::int64_t>(model_.timeOf(s.begin), lastEnd);
            std::int64_t to = std::max<std::int64_t>(s.end == kNoEvent ? end_ : model_.timeOf(s.end), from);
            to = std::min(to, std::max(end_, from));
            const bool cb = model_.loopSpanIsCallback(s);
            slice(kLoopTid, from, to, cb ? "callback: " + std::string(text(model_.event(s.begin).text)) : taskName(s.who),
                  cb ? "loop.callback" : "loop.task");
            end();
            // Blocking intervals that start inside this span nest in it.
            while (b < blocked.size() && model_.timeOf(blocked[b]) < from)
                writeBlocked(blocked[b++], lastEnd, std::max(from, lastEnd));
            while (b < blocked.size() && model_.timeOf(blocked[b]) <= to)
                writeBlocked(blocked[b++], from, to);
            lastEnd = to;
        }
        while (b < blocked.size())
            writeBlocked(blocked[b++], lastEnd, std::max(end_, lastEnd));
    }

    void writeBlocked(std::uint32_t ev, std::int64_t lo, std::int64_t hi)
    {
        const aio::TraceEvent& e = model_.event(ev);
        const std::int64_t from = std::clamp<std::int64_t>(e.time_ns, lo, hi);
        const std::int64_t to = std::clamp<std::int64_t>(e.time_ns + std::max<std::int64_t>(e.value, 0), from, hi);
        slice(kLoopTid, from, to, "blocked: " + std::string(text(e.text)), "loop.blocked");
        out_.raw(",\"args\":{\"by\":");
        out_.str(taskName(e.a));
        out_.raw("}");
        end();
    }

    static const char* endName(TaskEnd e)
    {
        switch (e) {
        case TaskEnd::None: return "running at the end of the trace";
        case TaskEnd::Done: return "done";
        case TaskEnd::Cancelled: return "cancelled";
        case TaskEnd::TimedOut: return "timed out";
        case TaskEnd::Failed: return "failed";
        }
        return "?";
    }

    void writeTask(const TimelineTask& t)
    {
        const int tid = taskTid_[t.id];
        const std::int64_t life0 = t.createdEvent != kNoEvent ? model_.timeOf(t.createdEvent) : model_.startTime();
        const std::int64_t life1 = std::max<std::int64_t>(t.finishEvent != kNoEvent ? model_.timeOf(t.finishEvent) : end_, life0);
        lifetime_[t.id] = {life0, life1};
        slice(tid, life0, life1, taskName(t.id), "task");
        out_.raw(",\"args\":{\"task id\":");
        out_.num(t.id);
        if (t.parent) {
            out_.raw(",\"created by\":");
            out_.str(taskName(t.parent));
        }
        out_.raw(",\"end\":\"");
        out_.raw(endName(model_.endKind(t)));
        out_.raw("\"");
        if (t.finishEvent != kNoEvent) {
            out_.raw(",\"result\":");
            out_.str(text(model_.event(t.finishEvent).text));
        }
        out_.raw("}");
        end();
        const int n = int(t.segments.size());
        for (int i = 0; i < n; ++i) {
            const TimelineSegment& seg = t.segments[std::size_t(i)];
            const std::int64_t from = std::clamp<std::int64_t>(model_.segmentStart(t, i), life0, life1);
            const std::int64_t to = std::clamp<std::int64_t>(model_.segmentEnd(t, i, end_), from, life1);
            const aio::TraceEvent& e = model_.event(seg.event);
            switch (seg.state) {
            case TaskState::Ready:
                slice(tid, from, to, "ready", nullptr);
                if (e.kind == EventKind::task_ready && e.b) {
                    out_.raw(",\"args\":{\"woken by\":");
                    out_.str(taskName(e.b));
                    out_.raw("}");
                }
                end();
                break;
            case TaskState::Running:
                slice(tid, from, to, "running", nullptr);
                end();
                break;
            case TaskState::Waiting: {
                const std::string_view what = text(e.text);
                std::string name = what.empty() ? "waiting (" + waitKindName(seg.waitKind).toStdString() + ")" : std::string(what);
                // The category is what it waits on (sleep, semaphore, queue_get, ...).
                slice(tid, from, to, name, aio::to_string(seg.waitKind));
                end();
                break;
            }
            case TaskState::Blocked: {
                const std::int64_t bend = std::clamp<std::int64_t>(from + std::max<std::int64_t>(e.value, 0), from, to);
                slice(tid, from, bend, "blocking the loop: " + std::string(text(e.text)), "state.blocked");
                end();
                if (to > bend) {
                    slice(tid, bend, to, "running", nullptr);
                    end();
                }
                break;
            }
            }
        }
    }

    void writeWorkers()
    {
        for (const TimelineWorker& w : model_.workers()) {
            const int tid = workerTid_[w.slot];
            std::int64_t lastEnd = INT64_MIN;
            for (std::size_t i = 0; i < w.events.size(); ++i) {
                const aio::TraceEvent& e = model_.event(w.events[i]);
                if (e.kind != EventKind::worker_busy)
                    continue;
                const std::int64_t from = std::max(e.time_ns, lastEnd);
                std::int64_t to = i + 1 < w.events.size() ? model_.timeOf(w.events[i + 1]) : end_;
                to = std::max(to, from);
                lastEnd = to;
                slice(tid, from, to, text(e.text), "worker");
                out_.raw(",\"args\":{\"for task\":");
                out_.str(taskName(e.b));
                out_.raw("}");
                end();
            }
        }
    }

    // An instant on a task's track, or (no such task) a global one on the loop's track.
    void instant(aio::ObjectId task, std::int64_t t, std::string_view name, const char* cat)
    {
        const auto it = taskTid_.find(task);
        const bool onTask = it != taskTid_.end();
        begin("i", onTask ? it->second : kLoopTid);
        out_.raw(onTask ? ",\"s\":\"t\",\"ts\":" : ",\"s\":\"g\",\"ts\":");
        out_.micros(t);
        out_.raw(",\"cat\":\"");
        out_.raw(cat);
        out_.raw("\",\"name\":");
        out_.str(name);
    }

    void writeInstants()
    {
        for (std::size_t i = 0; i < n_; ++i) {
            const aio::TraceEvent& e = rec_[i];
            switch (e.kind) {
            case EventKind::print:
                instant(e.a, e.time_ns, "print", "print");
                out_.raw(",\"args\":{\"line\":");
                out_.str(text(e.text));
                out_.raw("}");
                end();
                break;
            case EventKind::task_cancel:
                instant(e.a, e.time_ns, "cancel", "cancel");
                out_.raw(",\"args\":{\"by\":");
                out_.str(e.b ? taskName(e.b) : std::string("the loop"));
                out_.raw(",\"message\":");
                out_.str(text(e.text));
                out_.raw("}");
                end();
                break;
            case EventKind::task_timeout:
                instant(e.a, e.time_ns, "timeout", "timeout");
                out_.raw(",\"args\":{\"deadline us\":");
                out_.micros(e.value);
                out_.raw("}");
                end();
                break;
            case EventKind::task_finished:
                if (aio::FinishKind(e.sub) == aio::FinishKind::failed) {
                    instant(e.a, e.time_ns, "exception", "exception");
                    out_.raw(",\"args\":{\"exception\":");
                    out_.str(text(e.text));
                    out_.raw("}");
                    end();
                }
                break;
            case EventKind::exception_logged:
            case EventKind::deadlock:
                instant(0, e.time_ns, e.kind == EventKind::deadlock ? "deadlock" : "exception never retrieved", "exception");
                out_.raw(",\"args\":{\"message\":");
                out_.str(text(e.text));
                out_.raw("}");
                end();
                break;
            default:
                break;
            }
        }
    }

    // Per resource: its main number (permits in use, queue size, flag) and its waiters.
    void writeCounters()
    {
        struct Level {
            std::int64_t level = 0;
            std::int64_t waiters = 0;
        };
        std::unordered_map<aio::ObjectId, Level> levels;
        std::unordered_map<aio::ObjectId, std::string> labels;
        for (const TimelineResource& r : model_.resources())
            labels[r.id] = resourceLabel(r);
        for (std::size_t i = 0; i < n_; ++i) {
            const aio::TraceEvent& e = rec_[i];
            if (e.kind != EventKind::resource_state && e.kind != EventKind::resource_waiters)
                continue;
            const TimelineResource* r = model_.resource(e.a);
            if (!r)
                continue;
            Level& l = levels[e.a];
            const char* key = "level";
            switch (r->kind) {
            case aio::ResourceKind::semaphore:
            case aio::ResourceKind::bounded_semaphore: key = "permits in use"; break;
            case aio::ResourceKind::lock: key = "locked"; break;
            case aio::ResourceKind::event: key = "set"; break;
            case aio::ResourceKind::queue:
            case aio::ResourceKind::priority_queue:
            case aio::ResourceKind::lifo_queue: key = "size"; break;
            default: break;
            }
            if (e.kind == EventKind::resource_state) {
                const bool sem = r->kind == aio::ResourceKind::semaphore || r->kind == aio::ResourceKind::bounded_semaphore;
                l.level = sem ? r->capacity - e.value : e.value;
            } else {
                l.waiters = e.value;
            }
            begin("C", kLoopTid);
            out_.raw(",\"ts\":");
            out_.micros(e.time_ns);
            out_.raw(",\"cat\":\"resource\",\"name\":");
            out_.str(labels[e.a]);
            out_.raw(",\"args\":{\"");
            out_.raw(key);
            out_.raw("\":");
            out_.num(l.level);
            out_.raw(",\"waiting\":");
            out_.num(l.waiters);
            out_.raw("}");
            end();
        }
    }

    bool alive(aio::ObjectId task, std::int64_t t) const
    {
        const auto it = lifetime_.find(task);
        return it != lifetime_.end() && it->second.first <= t && t <= it->second.second;
    }

    // Wake-ups as flows: from the waking task (or the loop, when a callback or a resource
    // woke it) to the woken task, both ends at the moment of the wake-up.
    void writeFlows()
    {
        std::uint64_t id = 1;
        for (std::uint32_t ev : model_.wakeEvents()) {
            const aio::TraceEvent& e = model_.event(ev);
            if (!alive(e.a, e.time_ns))
                continue;
            const int fromTid = e.b && alive(e.b, e.time_ns) ? taskTid_[e.b] : kLoopTid;
            begin("s", fromTid);
            out_.raw(",\"ts\":");
            out_.micros(e.time_ns);
            out_.raw(",\"cat\":\"wakeup\",\"name\":\"wake-up\",\"id\":");
            out_.num(std::int64_t(id));
            end();
            begin("f", taskTid_[e.a]);
            out_.raw(",\"bp\":\"e\",\"ts\":");
            out_.micros(e.time_ns);
            out_.raw(",\"cat\":\"wakeup\",\"name\":\"wake-up\",\"id\":");
            out_.num(std::int64_t(id));
            end();
            ++id;
        }
    }

    // The engine's own events, for readers that rebuild the recorder.
    void writeRaw()
    {
        const std::size_t strings = rec_.string_count();
        out_.raw("\"loopscope\":{\"format\":\"loopscope-trace\",\"version\":");
        out_.num(kTraceJsonVersion);
        out_.raw(",\"generator\":");
        out_.str(generatorUtf8());
        out_.raw(",\"title\":");
        out_.str(options_.title.toUtf8().toStdString());
        out_.raw(",\n\"strings\":[");
        for (std::size_t i = 0; i < strings; ++i) {
            if (i)
                out_.raw(i % 16 == 0 ? ",\n" : ",");
            out_.str(rec_.string(std::uint32_t(i)));
        }
        out_.raw("],\n\"fields\":[\"time_ns\",\"kind\",\"sub\",\"a\",\"b\",\"value\",\"text\"],\n\"events\":[\n");
        for (std::size_t i = 0; i < n_; ++i) {
            const aio::TraceEvent& e = rec_[i];
            out_.raw(i ? ",\n[" : "[");
            out_.num(e.time_ns);
            const char* kind = unsigned(e.kind) <= unsigned(EventKind::deadlock) ? aio::to_string(e.kind) : nullptr;
            if (kind) {
                out_.raw(",\"");
                out_.raw(kind);
                out_.raw("\",");
            } else {
                out_.raw(",");
                out_.num(int(e.kind));
                out_.raw(",");
            }
            out_.num(e.sub);
            out_.raw(",");
            out_.num(e.a);
            out_.raw(",");
            out_.num(e.b);
            out_.raw(",");
            out_.num(e.value);
            out_.raw(",");
            out_.num(e.text);
            out_.raw("]");
        }
        out_.raw("\n]}\n");
    }

    const aio::Recorder& rec_;
    TimelineModel model_;
    Sink& out_;
    const TraceJsonWriteOptions& options_;
    std::size_t n_ = 0;
    std::int64_t end_ = 0;
    bool first_ = true;
    std::vector<aio::ObjectId> laneOrder_;
    std::unordered_map<aio::ObjectId, int> taskTid_;
    std::unordered_map<aio::ObjectId, int> workerTid_;
    std::unordered_map<aio::ObjectId, std::pair<std::int64_t, std::int64_t>> lifetime_;
};

}  // namespace

bool writeTraceJson(const aio::Recorder& recorder, QIODevice& out, const TraceJsonWriteOptions& options, QString* error)
{
    Sink sink(out);
    TraceJsonWriter(recorder, sink, options).write();
    if (sink.failed()) {
        if (error)
            *error = QStringLiteral("writing the trace failed: %1").arg(out.errorString());
        return false;
    }
    return true;
}

QByteArray traceJson(const aio::Recorder& recorder, const TraceJsonWriteOptions& options)
{
    QByteArray data;
    QBuffer buf(&data);
    buf.open(QIODevice::WriteOnly);
    writeTraceJson(recorder, buf, options, nullptr);
    return data;
}

bool writeTraceJsonFile(const aio::Recorder& recorder, const QString& path, const TraceJsonWriteOptions& options,
                        QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    QString why;
    if (!writeTraceJson(recorder, f, options, &why)) {
        f.cancelWriting();
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, why);
        return false;
    }
    if (!f.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}
