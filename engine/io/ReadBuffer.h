#pragma once

#include <cstddef>
#include <cstring>
#include <string_view>

namespace pipit
{

/// A buffered byte source. Readers consume [pos_, end_); when empty, nextImpl() refills it and
/// returns false at end of stream. `position()` counts consumed bytes for error messages.
class ReadBuffer
{
public:
    virtual ~ReadBuffer() = default;

    bool eof() { return pos_ == end_ && !next(); }
    /// Current byte; only valid after !eof().
    char peek() const { return *pos_; }
    void ignore() { ++pos_; }
    char get() { return *pos_++; }

    /// Reads up to `size` bytes, returns how many were read (less only at end of stream).
    size_t read(char * to, size_t size)
    {
        size_t done = 0;
        while (done < size && !eof())
        {
            size_t n = std::min(size - done, available());
            std::memcpy(to + done, pos_, n);
            pos_ += n;
            done += n;
        }
        return done;
    }

    /// Bytes ready without refilling.
    size_t available() const { return static_cast<size_t>(end_ - pos_); }
    const char * position() const { return pos_; }
    void advance(size_t n) { pos_ += n; }

    /// Total bytes consumed from the start of the stream.
    size_t offset() const { return bytes_before_ + static_cast<size_t>(pos_ - begin_); }

    bool next()
    {
        bytes_before_ += static_cast<size_t>(end_ - begin_);
        bool ok = nextImpl();
        if (!ok)
        {
            begin_ = pos_ = end_;
        }
        return ok && pos_ != end_;
    }

protected:
    /// Must set begin_/pos_/end_ to fresh data; false at end of stream.
    virtual bool nextImpl() = 0;

    const char * begin_ = nullptr;
    const char * pos_ = nullptr;
    const char * end_ = nullptr;
    size_t bytes_before_ = 0;
};

/// Reads a caller-owned memory range (not copied: it must outlive the buffer).
class ReadBufferFromMemory : public ReadBuffer
{
public:
    ReadBufferFromMemory(const char * data, size_t size)
    {
        begin_ = pos_ = data;
        end_ = data + size;
    }
    explicit ReadBufferFromMemory(std::string_view s)
        : ReadBufferFromMemory(s.data(), s.size())
    {
    }

private:
    bool nextImpl() override { return false; }
};

} // namespace pipit
