// ChunkFile::save when the disk is full, a file size limit is hit, or the
// folder is read-only: the error names the file and the reason and says the
// previous file is unchanged; the previous bytes are indeed unchanged and no
// temporary file is left beside them.
//
// The full disk and the read-only folder are real: a small tmpfs mounted by
// the test (root in CI may mount; elsewhere those cases warn and pass
// without checking). The size limit needs no privilege: RLIMIT_FSIZE in a
// forked child with SIGXFSZ ignored, so write() fails with EFBIG.
#include "latentset/util/ChunkFile.h"
#include "latentset/util/Error.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace latentset;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

ChunkFile fileOf(std::size_t payloadBytes, char fill)
{
    ChunkFile f;
    f.add("TEST", 1, std::string(payloadBytes, fill));
    return f;
}

// Names in `dir` that look like ChunkFile's temporary files.
int leftoverTemps(const fs::path& dir)
{
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        n += e.path().filename().string().find(".tmp-") != std::string::npos;
    return n;
}

// A fresh folder under the temp directory, removed at the end.
struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string t = (fs::temp_directory_path() / "latentset-savefail-XXXXXX").string();
        REQUIRE(::mkdtemp(t.data()) != nullptr);
        path = t;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A tmpfs of `sizeKb` mounted on a fresh folder, unmounted at the end; or
// nothing (mounted() false) where mounting is not permitted.
struct SmallTmpfs {
    TempDir dir;
    bool mounted_ = false;
    explicit SmallTmpfs(int sizeKb)
    {
        const std::string options = "size=" + std::to_string(sizeKb) + "k,mode=0755";
        mounted_ = ::mount("tmpfs", dir.path.c_str(), "tmpfs", 0, options.c_str()) == 0;
        if (!mounted_)
            WARN("cannot mount a tmpfs on " << dir.path.string() << " (" << std::strerror(errno)
                                            << "): this case is not checked here (it needs root or CAP_SYS_ADMIN)");
    }
    bool mounted() const { return mounted_; }
    bool remountReadOnly()
    {
        return ::mount("tmpfs", dir.path.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }
    ~SmallTmpfs()
    {
        if (mounted_)
            ::umount2(dir.path.c_str(), MNT_DETACH);
    }
};

} // namespace

TEST_CASE("ChunkFile::save on a full disk keeps the previous file and says so", "[util][chunkfile][savefail]")
{
    SmallTmpfs disk(256);
    if (!disk.mounted())
        return;
    const std::string path = (disk.dir.path / "model.lset").string();
    fileOf(1000, 'a').save(path);
    const std::string before = slurp(path);

    std::string message;
    try {
        fileOf(1 << 20, 'b').save(path); // 1 MiB into 256 KiB
    } catch (const Error& e) {
        message = e.what();
    }
    INFO(message);
    CHECK(message.find(path) != std::string::npos);
    CHECK(message.find(std::strerror(ENOSPC)) != std::string::npos);
    CHECK(message.find("previous " + path + " is unchanged") != std::string::npos);
    CHECK(slurp(path) == before);
    CHECK(leftoverTemps(disk.dir.path) == 0);

    // A new name on the full disk: no file at all, and the message says so.
    const std::string fresh = (disk.dir.path / "new.lset").string();
    CHECK_THROWS_WITH(fileOf(1 << 20, 'c').save(fresh), Catch::Contains("no file was created"));
    CHECK(!fs::exists(fresh));
    CHECK(leftoverTemps(disk.dir.path) == 0);
}

TEST_CASE("ChunkFile::save in a read-only folder keeps the previous file and says so", "[util][chunkfile][savefail]")
{
    // Root ignores permission bits, so "read-only" has to be the mount's.
    SmallTmpfs disk(256);
    if (!disk.mounted())
        return;
    const std::string path = (disk.dir.path / "model.lset").string();
    fileOf(1000, 'a').save(path);
    const std::string before = slurp(path);
    if (!disk.remountReadOnly()) {
        WARN("cannot remount the tmpfs read-only (" << std::strerror(errno) << "): not checked");
        return;
    }
    std::string message;
    try {
        fileOf(2000, 'b').save(path);
    } catch (const Error& e) {
        message = e.what();
    }
    INFO(message);
    CHECK(message.find(path) != std::string::npos);
    CHECK(message.find(std::strerror(EROFS)) != std::string::npos);
    CHECK(message.find("previous " + path + " is unchanged") != std::string::npos);
    CHECK(slurp(path) == before);
    CHECK(leftoverTemps(disk.dir.path) == 0);
}

TEST_CASE("ChunkFile::save over a file size limit keeps the previous file and says so", "[util][chunkfile][savefail]")
{
    TempDir dir;
    const std::string path = (dir.path / "model.lset").string();
    fileOf(1000, 'a').save(path);
    const std::string before = slurp(path);

    // The limit applies to the whole process: set it in a child, which
    // reports save()'s message through a pipe.
    int pipeFd[2];
    REQUIRE(::pipe(pipeFd) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipeFd[0]);
        std::signal(SIGXFSZ, SIG_IGN); // else the kernel kills the writer instead of failing write()
        const rlimit limit{64 * 1024, 64 * 1024};
        std::string message = "no error";
        int code = 1;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0)
            message = std::string("setrlimit: ") + std::strerror(errno);
        else
            try {
                fileOf(1 << 20, 'b').save(path);
            } catch (const Error& e) {
                message = e.what();
                code = 0;
            }
        [[maybe_unused]] const ssize_t n = ::write(pipeFd[1], message.data(), message.size());
        ::close(pipeFd[1]);
        ::_exit(code); // no Catch2 clean-up in the child
    }
    ::close(pipeFd[1]);
    std::string message;
    char buffer[512];
    for (ssize_t n; (n = ::read(pipeFd[0], buffer, sizeof buffer)) > 0;)
        message.append(buffer, std::size_t(n));
    ::close(pipeFd[0]);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    INFO(message);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(message.find(path) != std::string::npos);
    CHECK(message.find(std::strerror(EFBIG)) != std::string::npos);
    CHECK(message.find("previous " + path + " is unchanged") != std::string::npos);
    CHECK(slurp(path) == before);
    CHECK(leftoverTemps(dir.path) == 0);
}
