#include "engine/io/FileSystem.h"

#include "engine/base/Exception.h"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace pipit;

namespace
{

std::string tempRoot(const char * name)
{
    std::string root = "/tmp/pipit_fs_test_" + std::to_string(::getpid()) + "_" + name;
    removeRecursive(root);
    return root;
}

ErrorCode codeOf(const std::function<void()> & f)
{
    try
    {
        f();
    }
    catch (const Exception & e)
    {
        return e.code();
    }
    return ErrorCode::OK;
}

} // namespace

TEST(FileSystem, DirectoriesAndListing)
{
    std::string root = tempRoot("dirs");
    EXPECT_FALSE(exists(root));
    createDirectories(root + "/a/b/c");
    createDirectories(root + "/a/b/c");
    createDirectories(root + "/a/b/c/");
    EXPECT_TRUE(exists(root + "/a/b/c"));
    atomicWriteFile(root + "/a/z.txt", "zz");
    atomicWriteFile(root + "/a/y.txt", "");
    EXPECT_EQ(listDirectory(root + "/a"), (std::vector<std::string> {"b", "y.txt", "z.txt"}));
    EXPECT_EQ(fileSize(root + "/a/z.txt"), 2u);
    EXPECT_EQ(fileSize(root + "/a/y.txt"), 0u);
    EXPECT_EQ(codeOf([&] { createDirectories(root + "/a/z.txt"); }), ErrorCode::CANNOT_CREATE_DIRECTORY);
    EXPECT_EQ(codeOf([&] { createDirectories(root + "/a/z.txt/sub"); }), ErrorCode::CANNOT_CREATE_DIRECTORY);
    EXPECT_EQ(codeOf([&] { listDirectory(root + "/missing"); }), ErrorCode::FILE_DOESNT_EXIST);
    EXPECT_EQ(codeOf([&] { fileSize(root + "/missing"); }), ErrorCode::FILE_DOESNT_EXIST);
    removeRecursive(root);
    EXPECT_FALSE(exists(root));
    removeRecursive(root);
}

TEST(FileSystem, AtomicWriteAndRename)
{
    std::string root = tempRoot("atomic");
    createDirectories(root);
    atomicWriteFile(root + "/f", "first");
    atomicWriteFile(root + "/f", "second version");
    EXPECT_EQ(readFile(root + "/f"), "second version");
    EXPECT_FALSE(exists(root + "/f.tmp"));
    renameAtomic(root + "/f", root + "/g");
    EXPECT_FALSE(exists(root + "/f"));
    EXPECT_EQ(readFile(root + "/g"), "second version");
    fsyncDirectory(root);
    try
    {
        renameAtomic(root + "/nope", root + "/g");
        FAIL();
    }
    catch (const Exception & e)
    {
        EXPECT_EQ(e.code(), ErrorCode::FILE_DOESNT_EXIST);
        EXPECT_NE(e.message().find("No such file"), std::string::npos) << e.message();
    }
    EXPECT_EQ(codeOf([&] { atomicWriteFile(root + "/missing_dir/f", "x"); }), ErrorCode::CANNOT_OPEN_FILE);
    EXPECT_EQ(codeOf([&] { readFile(root + "/nope"); }), ErrorCode::FILE_DOESNT_EXIST);
    EXPECT_EQ(codeOf([&] { fsyncDirectory(root + "/nope"); }), ErrorCode::FILE_DOESNT_EXIST);
    EXPECT_EQ(parentDirectory("a/b/c"), "a/b");
    EXPECT_EQ(parentDirectory("c"), ".");
    EXPECT_EQ(parentDirectory("/c"), "/");
    removeRecursive(root);
}
