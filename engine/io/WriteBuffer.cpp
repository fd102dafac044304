#include "engine/io/WriteBuffer.h"

namespace pipit
{

namespace
{
constexpr size_t initial_string_buffer = 64;
}

WriteBufferFromString::WriteBufferFromString()
{
    data_.resize(initial_string_buffer);
    begin_ = pos_ = data_.data();
    end_ = begin_ + data_.size();
}

void WriteBufferFromString::nextImpl()
{
    // Grow in place: the "drained" bytes stay in data_.
    size_t used = static_cast<size_t>(pos_ - data_.data());
    bytes_drained_ = 0;
    data_.resize(data_.size() * 2);
    begin_ = data_.data();
    pos_ = begin_ + used;
    end_ = begin_ + data_.size();
    // next() resets pos_ to begin_; keep the written bytes by moving begin_ forward instead.
    begin_ = pos_;
    bytes_drained_ = used;
}

const std::string & WriteBufferFromString::str()
{
    data_.resize(count());
    begin_ = data_.data();
    pos_ = end_ = begin_ + data_.size();
    bytes_drained_ = 0;
    return data_;
}

std::string WriteBufferFromString::release()
{
    str();
    std::string out = std::move(data_);
    data_.clear();
    data_.resize(initial_string_buffer);
    begin_ = pos_ = data_.data();
    end_ = begin_ + data_.size();
    bytes_drained_ = 0;
    return out;
}

WriteBufferFromVector::WriteBufferFromVector(std::vector<char> & out)
    : out_(out)
{
    used_ = out_.size();
    out_.resize(std::max<size_t>(used_ * 2, used_ + initial_string_buffer));
    begin_ = pos_ = out_.data() + used_;
    end_ = out_.data() + out_.size();
}

WriteBufferFromVector::~WriteBufferFromVector()
{
    finalize();
}

void WriteBufferFromVector::nextImpl()
{
    used_ += static_cast<size_t>(pos_ - begin_);
    bytes_drained_ += static_cast<size_t>(pos_ - begin_);
    out_.resize(std::max<size_t>(out_.size() * 2, used_ + initial_string_buffer));
    begin_ = pos_ = out_.data() + used_;
    end_ = out_.data() + out_.size();
}

void WriteBufferFromVector::finalize()
{
    if (begin_ == nullptr)
        return;
    used_ += static_cast<size_t>(pos_ - begin_);
    bytes_drained_ += static_cast<size_t>(pos_ - begin_);
    out_.resize(used_);
    begin_ = pos_ = end_ = nullptr;
}

} // namespace pipit
