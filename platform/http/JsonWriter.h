#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pipit
{

/// Small streaming JSON writer into a string. Commas and `:` are placed automatically; strings
/// are escaped per RFC 8259 (quote, backslash and control characters; other bytes pass through).
/// Non-finite doubles are written as null. Usage:
///     JsonWriter w; w.startObject(); w.key("rows"); w.value(3); w.endObject(); std::string s = w.take();
class JsonWriter
{
public:
    JsonWriter() { out_.reserve(256); }

    void startObject() { open('{'); }
    void endObject() { close('}'); }
    void startArray() { open('['); }
    void endArray() { close(']'); }

    void key(std::string_view name)
    {
        separator();
        writeString(name);
        out_.push_back(':');
        after_key_ = true;
    }

    void value(std::string_view text)
    {
        separator();
        writeString(text);
    }
    void value(const char * text) { value(std::string_view(text)); }
    void value(const std::string & text) { value(std::string_view(text)); }
    void value(bool flag)
    {
        separator();
        out_.append(flag ? "true" : "false");
    }
    void value(double number)
    {
        separator();
        if (!std::isfinite(number))
        {
            out_.append("null");
            return;
        }
        char buffer[64];
        auto result = std::to_chars(buffer, buffer + sizeof(buffer), number);
        out_.append(buffer, result.ptr);
    }
    template <typename T>
        requires(std::is_integral_v<T> && !std::is_same_v<T, bool>)
    void value(T number)
    {
        separator();
        char buffer[32];
        auto result = std::to_chars(buffer, buffer + sizeof(buffer), number);
        out_.append(buffer, result.ptr);
    }
    void null()
    {
        separator();
        out_.append("null");
    }
    /// Inserts already-serialised JSON as one value.
    void raw(std::string_view json)
    {
        separator();
        out_.append(json);
    }

    /// Shorthands for `key(name); value(v);`.
    template <typename T>
    void field(std::string_view name, const T & v)
    {
        key(name);
        value(v);
    }

    const std::string & str() const { return out_; }
    std::string take() { return std::move(out_); }

    /// Appends `text` as a quoted, escaped JSON string to `out`.
    static void escapeTo(std::string & out, std::string_view text)
    {
        static constexpr char hex[] = "0123456789abcdef";
        out.push_back('"');
        size_t run_start = 0;
        for (size_t i = 0; i < text.size(); ++i)
        {
            unsigned char c = static_cast<unsigned char>(text[i]);
            if (c >= 0x20 && c != '"' && c != '\\')
                continue;
            out.append(text.data() + run_start, i - run_start);
            run_start = i + 1;
            switch (c)
            {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            default:
                out.append("\\u00");
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 0xF]);
            }
        }
        out.append(text.data() + run_start, text.size() - run_start);
        out.push_back('"');
    }

    static std::string quote(std::string_view text)
    {
        std::string out;
        out.reserve(text.size() + 2);
        escapeTo(out, text);
        return out;
    }

private:
    void separator()
    {
        if (after_key_)
        {
            after_key_ = false;
            return;
        }
        if (!first_.empty())
        {
            if (!first_.back())
                out_.push_back(',');
            first_.back() = false;
        }
    }
    void open(char bracket)
    {
        separator();
        out_.push_back(bracket);
        first_.push_back(true);
    }
    void close(char bracket)
    {
        out_.push_back(bracket);
        if (!first_.empty())
            first_.pop_back();
    }
    void writeString(std::string_view text) { escapeTo(out_, text); }

    std::string out_;
    std::vector<bool> first_;
    bool after_key_ = false;
};

} // namespace pipit
