// Random against python3's random.Random, output for output: every seed and call in
// random_cases.json (make_random_expected.py), plus SHA-512 known vectors from hashlib.
#include "support/case_table.hpp"

#include <script/support/random.hpp>
#include <script/support/sha512.hpp>

#include <QtTest>

using namespace script::support;
using namespace support_test;

namespace {

BigInt num(const QJsonValue& v)
{
    return BigInt::parse(str(v), 10, 0);
}

double flt(const QJsonValue& v)
{
    return float_from_bits(str(v));
}

std::int64_t i64(const QJsonValue& v)
{
    return std::stoll(str(v));
}

template <class T> std::string join(const std::vector<T>& v)
{
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) s.push_back(' ');
        s += std::to_string(v[i]);
    }
    return s;
}

} // namespace

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void matchesPythonStreams()
    {
        const QJsonArray cases = load_cases("random_cases.json");
        QVERIFY2(cases.size() > 10, "random_cases.json missing or short");
        Failures f;
        int seeds = 0;
        for (const QJsonValue& cv : cases) {
            const QJsonObject o = cv.toObject();
            if (!o.contains("seed")) continue;
            ++seeds;
            const QJsonArray seed = o.value("seed").toArray();
            Random r(BigInt(0));
            const std::string kind = str(seed.at(0));
            auto reseed = [&] {
                if (kind == "int") r.seed(num(seed.at(1)));
                else if (kind == "float") r.seed_float(float_from_bits(str(seed.at(1))));
                else r.seed_str(str(seed.at(1)));
            };
            reseed();
            for (const QJsonValue& opv : o.value("ops").toArray()) {
                const QJsonArray c = opv.toArray();
                const std::string op = str(c.at(0));
                std::function<std::string()> fn;
                if (op == "random") fn = [&] { return bits_of(r.random()); };
                else if (op == "getrandbits") fn = [&] { return r.getrandbits(i64(c[1])).to_string(10, 0); };
                else if (op == "randrange1") fn = [&] { return r.randrange(num(c[1])).to_string(10, 0); };
                else if (op == "randrange") fn = [&] { return r.randrange(num(c[1]), num(c[2]), num(c[3])).to_string(10, 0); };
                else if (op == "randint") fn = [&] { return r.randint(num(c[1]), num(c[2])).to_string(10, 0); };
                else if (op == "uniform") fn = [&] {
                    return bits_of(r.uniform(float_from_bits(str(c[1])), float_from_bits(str(c[2]))));
                };
                else if (op == "choice") fn = [&] { return std::to_string(r.choice_index(static_cast<std::size_t>(i64(c[1])))); };
                else if (op == "shuffle") fn = [&] {
                    std::vector<std::size_t> v(static_cast<std::size_t>(i64(c[1])));
                    for (std::size_t i = 0; i < v.size(); ++i) v[i] = i;
                    r.shuffle(v);
                    return join(v);
                };
                else if (op == "sample") fn = [&] { return join(r.sample(static_cast<std::size_t>(i64(c[1])), i64(c[2]))); };
                else if (op == "choices") fn = [&] { return join(r.choices(static_cast<std::size_t>(i64(c[1])), i64(c[2]))); };
                else if (op == "reseed") fn = [&] {
                    reseed();
                    return std::string();
                };
                else if (op == "gauss") fn = [&] { return bits_of(r.gauss(flt(c[1]), flt(c[2]))); };
                else if (op == "normalvariate") fn = [&] { return bits_of(r.normalvariate(flt(c[1]), flt(c[2]))); };
                else if (op == "expovariate") fn = [&] { return bits_of(r.expovariate(flt(c[1]))); };
                else if (op == "triangular") fn = [&] { return bits_of(r.triangular(flt(c[1]), flt(c[2]))); };
                else if (op == "triangular_mode") fn = [&] { return bits_of(r.triangular(flt(c[1]), flt(c[2]), flt(c[3]))); };
                else if (op == "choices_cum") fn = [&] {
                    std::vector<double> cum;
                    for (const QJsonValue& w : c[1].toArray()) cum.push_back(float_from_bits(str(w)));
                    return join(r.choices_cumulative(cum, i64(c[2])));
                };
                else fn = [&] { return "unknown op " + op; };
                QJsonArray labelled = c;
                labelled.prepend(seed);
                f.add(labelled, check(c.at(c.size() - 1), fn));
            }
        }
        QCOMPARE(seeds, 16);
        QVERIFY2(f.list.empty(), f.report().constData());
    }

    void sha512KnownVectors()
    {
        const QJsonArray cases = load_cases("random_cases.json");
        int vectors = 0;
        for (const QJsonValue& cv : cases) {
            const QJsonObject o = cv.toObject();
            if (!o.contains("sha512")) continue;
            ++vectors;
            QCOMPARE(sha512_hex(str(o.value("sha512"))), str(o.value("hex")));
        }
        QCOMPARE(vectors, 12);
    }

    void errorsNameThePythonException()
    {
        Random r(BigInt(0));
        try {
            r.choice_index(0);
            QFAIL("no error");
        } catch (const PyError& e) {
            QCOMPARE(e.type, std::string("IndexError"));
            QCOMPARE(std::string(e.what()), std::string("Cannot choose from an empty sequence"));
        }
    }
};

QTEST_GUILESS_MAIN(TestRandom)
#include "test_random.moc"
