// Replay driver for the fuzz targets in a normal (gcc, CI) build, where libFuzzer
// is not available. Each tests/fuzz/fuzz_<name>.cpp defines LLVMFuzzerTestOneInput;
// linked with this file it becomes a deterministic test:
//
//   1. every file of the target's seed corpus (tests/fuzz/corpus/<name>/) is fed as is;
//   2. then pseudo-random mutations of the corpus (bit flips, byte values the parsers
//      care about, truncations, insertions, duplications, splices of two files) are
//      fed until WP_FUZZ_ITERATIONS inputs (default 20000) or WP_FUZZ_SECONDS seconds
//      (default 5), whichever comes first.
//
// The seed is WP_FUZZ_SEED (default 1), printed at start so a failure replays exactly.
// A crash (signal, WP_ASSERT, uncaught exception) or an input running longer than
// WP_FUZZ_INPUT_TIMEOUT seconds (default 10) writes the input to a file named in the
// output and fails the test. Usage: fuzz_<name> [corpus dir | file]...

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::size_t kMaxInputSize = 64 * 1024;

// The input being run, for the signal handlers (written with async-signal-safe calls only).
const std::uint8_t *g_current = nullptr;
std::size_t g_currentSize = 0;
char g_crashPath[4096] = {};

void writeAll(int fd, const void *data, std::size_t size)
{
    const auto *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n <= 0)
            return;
        p += n;
        size -= std::size_t(n);
    }
}

void writeMessage(const char *text)
{
    writeAll(STDERR_FILENO, text, std::strlen(text));
}

[[noreturn]] void onFatalSignal(int sig)
{
    const int fd = ::open(g_crashPath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (g_current != nullptr)
            writeAll(fd, g_current, g_currentSize);
        ::close(fd);
    }
    writeMessage(sig == SIGALRM ? "\n==fuzz== TIMEOUT: input took too long; input written to "
                                : "\n==fuzz== CRASH (signal): input written to ");
    writeMessage(g_crashPath);
    writeMessage("\n==fuzz== replay it with: <this program> <that file>\n");
    ::_exit(sig == SIGALRM ? 3 : 2);
}

std::uint64_t envNumber(const char *name, std::uint64_t fallback)
{
    const char *value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        return fallback;
    return std::strtoull(value, nullptr, 10);
}

/// splitmix64: a small deterministic generator (same sequence on every platform).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform-ish in [0, n) (n > 0).
    std::size_t below(std::size_t n) { return std::size_t(next() % n); }

private:
    std::uint64_t m_state;
};

// Bytes the parsers branch on: JSON, STOMP, HTTP, number and encoding edges.
constexpr std::uint8_t kInteresting[] = {0x00, 0xff, 0x7f, 0x80, 0x01, 0xfd, 0xfe, '0', '1', '9', '-', '+', '.', 'e',
                                         '"',  '\\', '{',  '}',  '[',  ']',  ':',  ',', '\n', '\r', ' ', '\t', 'u',
                                         'n',  't',  'f',  '#',  '%',  '/',  '=',  'q', 'Q',  '1'};

void mutate(Bytes &data, const std::vector<Bytes> &corpus, Rng &rng)
{
    const int rounds = 1 + int(rng.below(4));
    for (int r = 0; r < rounds; ++r) {
        switch (rng.below(10)) {
        case 0: // bit flip
            if (!data.empty())
                data[rng.below(data.size())] ^= std::uint8_t(1u << rng.below(8));
            break;
        case 1: // interesting byte overwrite
            if (!data.empty())
                data[rng.below(data.size())] = kInteresting[rng.below(std::size(kInteresting))];
            break;
        case 2: // interesting byte insertion
            data.insert(data.begin() + std::ptrdiff_t(rng.below(data.size() + 1)),
                        kInteresting[rng.below(std::size(kInteresting))]);
            break;
        case 3: // random byte overwrite
            if (!data.empty())
                data[rng.below(data.size())] = std::uint8_t(rng.next());
            break;
        case 4: // truncation
            if (!data.empty())
                data.resize(rng.below(data.size()));
            break;
        case 5: // erase a range
            if (!data.empty()) {
                const std::size_t at = rng.below(data.size());
                const std::size_t n = 1 + rng.below(std::min<std::size_t>(16, data.size() - at));
                data.erase(data.begin() + std::ptrdiff_t(at), data.begin() + std::ptrdiff_t(at + n));
            }
            break;
        case 6: // duplicate a range (repetition: counts, nesting, many headers)
            if (!data.empty() && data.size() < kMaxInputSize / 2) {
                const std::size_t at = rng.below(data.size());
                const std::size_t n = 1 + rng.below(std::min<std::size_t>(64, data.size() - at));
                const Bytes piece(data.begin() + std::ptrdiff_t(at), data.begin() + std::ptrdiff_t(at + n));
                const int copies = 1 + int(rng.below(8));
                for (int c = 0; c < copies; ++c)
                    data.insert(data.begin() + std::ptrdiff_t(at), piece.begin(), piece.end());
            }
            break;
        case 7: // splice: our head, another file's tail
            if (!corpus.empty()) {
                const Bytes &other = corpus[rng.below(corpus.size())];
                const std::size_t cut = rng.below(data.size() + 1);
                const std::size_t from = rng.below(other.size() + 1);
                data.resize(cut);
                data.insert(data.end(), other.begin() + std::ptrdiff_t(from), other.end());
            }
            break;
        case 8: // a byte becomes a digit run (big numbers, lengths)
            if (!data.empty()) {
                const std::size_t at = rng.below(data.size());
                const int n = 1 + int(rng.below(20));
                for (int i = 0; i < n; ++i)
                    data.insert(data.begin() + std::ptrdiff_t(at), std::uint8_t('0' + rng.below(10)));
            }
            break;
        default: // little-endian/compact-size-ish edge value
            if (data.size() >= 4) {
                static constexpr std::uint32_t kEdges[] = {0, 1, 0xfc, 0xfd, 0xffff, 0x10000, 0x7fffffff,
                                                           0x80000000, 0xffffffff, 0x02000000, 0x02000001};
                const std::uint32_t v = kEdges[rng.below(std::size(kEdges))];
                const std::size_t at = rng.below(data.size() - 3);
                std::memcpy(data.data() + at, &v, 4);
            }
            break;
        }
    }
    if (data.size() > kMaxInputSize)
        data.resize(kMaxInputSize);
}

void run(const Bytes &input)
{
    g_current = input.data();
    g_currentSize = input.size();
    // A copy into an exactly-sized heap block, so reads past the end hit the
    // allocation's edge (as libFuzzer does), not the vector's spare capacity.
    auto *copy = static_cast<std::uint8_t *>(std::malloc(std::max<std::size_t>(input.size(), 1)));
    if (!input.empty())
        std::memcpy(copy, input.data(), input.size());
    LLVMFuzzerTestOneInput(copy, input.size());
    std::free(copy);
}

bool readFile(const std::filesystem::path &path, Bytes &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (out.size() > kMaxInputSize)
        out.resize(kMaxInputSize);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    const std::uint64_t seed = envNumber("WP_FUZZ_SEED", 1);
    const std::uint64_t iterations = envNumber("WP_FUZZ_ITERATIONS", 20000);
    const std::uint64_t seconds = envNumber("WP_FUZZ_SECONDS", 5);
    const unsigned inputTimeout = unsigned(envNumber("WP_FUZZ_INPUT_TIMEOUT", 10));
    const std::string name = std::filesystem::path(argv[0]).filename().string();
    std::snprintf(g_crashPath, sizeof g_crashPath, "%s/%s-crash-seed%llu.bin",
                  std::filesystem::current_path().c_str(), name.c_str(), static_cast<unsigned long long>(seed));

    for (const int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGALRM})
        std::signal(sig, onFatalSignal);

    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        std::error_code ec;
        if (std::filesystem::is_directory(arg, ec)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
        } else if (std::filesystem::is_regular_file(arg, ec)) {
            files.push_back(arg);
        } else {
            std::fprintf(stderr, "==fuzz== no such corpus file or directory: %s\n", argv[i]);
            return 1;
        }
    }
    std::sort(files.begin(), files.end()); // deterministic order

    std::vector<Bytes> corpus;
    for (const auto &path : files) {
        Bytes bytes;
        if (!readFile(path, bytes)) {
            std::fprintf(stderr, "==fuzz== cannot read %s\n", path.c_str());
            return 1;
        }
        corpus.push_back(std::move(bytes));
    }
    std::printf("==fuzz== %s: seed %llu (WP_FUZZ_SEED), %zu corpus files, up to %llu inputs or %llu s\n",
                name.c_str(), static_cast<unsigned long long>(seed), corpus.size(),
                static_cast<unsigned long long>(iterations), static_cast<unsigned long long>(seconds));
    std::fflush(stdout);

    // 1. the corpus as is (the empty input too).
    run(Bytes{});
    for (std::size_t i = 0; i < corpus.size(); ++i) {
        std::snprintf(g_crashPath, sizeof g_crashPath, "%s", std::filesystem::absolute(files[i]).c_str());
        // A corpus file that crashes is its own reproducer: keep the path in the message.
        alarm(inputTimeout);
        run(corpus[i]);
        alarm(0);
    }
    std::snprintf(g_crashPath, sizeof g_crashPath, "%s/%s-crash-seed%llu.bin",
                  std::filesystem::current_path().c_str(), name.c_str(), static_cast<unsigned long long>(seed));

    // 2. mutations.
    Rng rng(seed);
    const auto start = std::chrono::steady_clock::now();
    const auto budget = std::chrono::seconds(seconds);
    std::uint64_t done = 0;
    Bytes input;
    for (; done < iterations; ++done) {
        if ((done & 63) == 0 && std::chrono::steady_clock::now() - start > budget)
            break;
        if (corpus.empty() || rng.below(16) == 0) {
            input.resize(rng.below(64));
            for (auto &b : input)
                b = std::uint8_t(rng.next());
        } else {
            input = corpus[rng.below(corpus.size())];
        }
        mutate(input, corpus, rng);
        alarm(inputTimeout);
        run(input);
        alarm(0);
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("==fuzz== %s: OK, %zu corpus files + %llu mutated inputs in %.1f s\n", name.c_str(), corpus.size(),
                static_cast<unsigned long long>(done), elapsed);
    return 0;
}
