#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// A buffered byte sink. Writers append to [pos_, end_); when full, nextImpl() drains
/// [begin_, pos_) to the destination and resets pos_. finalize() flushes what is left and must be
/// called before destruction for sinks that can fail (files): destructors never throw.
class WriteBuffer
{
public:
    virtual ~WriteBuffer() = default;

    void write(const char * data, size_t size)
    {
        while (size > 0)
        {
            if (pos_ == end_)
                next();
            size_t n = std::min(size, static_cast<size_t>(end_ - pos_));
            std::memcpy(pos_, data, n);
            pos_ += n;
            data += n;
            size -= n;
        }
    }
    void write(std::string_view s) { write(s.data(), s.size()); }
    void write(char c)
    {
        if (pos_ == end_)
            next();
        *pos_++ = c;
    }

    /// Drains the buffer to the destination.
    void next()
    {
        nextImpl();
        pos_ = begin_;
    }
    /// Drains and asks the destination to flush (e.g. write(2) for files).
    virtual void flush() { next(); }
    virtual void finalize() { flush(); }

    /// Bytes written through this buffer so far (drained or not).
    size_t count() const { return bytes_drained_ + static_cast<size_t>(pos_ - begin_); }

protected:
    /// Must consume [begin_, pos_) and add that size to bytes_drained_; may move begin_/end_.
    virtual void nextImpl() = 0;

    char * begin_ = nullptr;
    char * pos_ = nullptr;
    char * end_ = nullptr;
    size_t bytes_drained_ = 0;
};

/// Appends to an owned std::string; str() returns everything written.
class WriteBufferFromString : public WriteBuffer
{
public:
    WriteBufferFromString();
    const std::string & str();
    std::string release();

private:
    void nextImpl() override;
    std::string data_;
};

/// Appends into a caller-owned byte vector (used for column serialisation into memory).
class WriteBufferFromVector : public WriteBuffer
{
public:
    explicit WriteBufferFromVector(std::vector<char> & out);
    ~WriteBufferFromVector() override;
    void finalize() override;

private:
    void nextImpl() override;
    std::vector<char> & out_;
    size_t used_ = 0;
};

} // namespace pipit
