#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

class TemplateValue;
using TemplateList = std::vector<TemplateValue>;
/// Insertion-ordered dictionary (Python dict semantics: keys unique, order of first insertion kept).
using TemplateDict = std::vector<std::pair<TemplateValue, TemplateValue>>;

struct TemplateCallable;

/// A Python-like value used by the template language: the values of request parameters and of
/// every expression evaluated while rendering.
///
/// Kinds: None, Bool, Int (int64), Float (double), String, List, Tuple, Dict, plus kinds produced only by
/// the engine: Sql (an already rendered SQL fragment, emitted verbatim by `{{ }}`, e.g. the result of
/// `Array(x)` or `column(x)`), Callable (a function or bound method such as `','.join`) and Placeholder
/// (the stand-in for every variable in test mode).
/// Int and Float may carry a ClickHouse type tag (`Int32(x)` returns the int tagged "Int32", which renders
/// as `toInt32('10')` but computes like a plain int). Integers beyond int64 (Int128/UInt256 parameters)
/// are kept as decimal text (`isBigInt()`); they render and compare textually but do no arithmetic.
/// Lists and dicts have reference semantics like Python (`l.append(x)` is visible through every copy).
class TemplateValue
{
public:
    enum class Kind
    {
        None,
        Bool,
        Int,
        Float,
        String,
        List,
        Tuple,
        Dict,
        Sql,
        Callable,
        Placeholder,
    };

    TemplateValue() = default;
    TemplateValue(std::nullptr_t) { }
    TemplateValue(bool b) : kind_(Kind::Bool), int_(b ? 1 : 0) { }
    TemplateValue(int i) : kind_(Kind::Int), int_(i) { }
    TemplateValue(int64_t i) : kind_(Kind::Int), int_(i) { }
    TemplateValue(double d) : kind_(Kind::Float), float_(d) { }
    TemplateValue(std::string s) : kind_(Kind::String), str_(std::make_shared<std::string>(std::move(s))) { }
    TemplateValue(std::string_view s) : TemplateValue(std::string(s)) { }
    TemplateValue(const char * s) : TemplateValue(std::string(s)) { }
    TemplateValue(TemplateList list) : kind_(Kind::List), list_(std::make_shared<TemplateList>(std::move(list))) { }
    TemplateValue(TemplateDict dict) : kind_(Kind::Dict), dict_(std::make_shared<TemplateDict>(std::move(dict))) { }

    static TemplateValue none() { return {}; }
    static TemplateValue tuple(TemplateList items);
    /// An SQL fragment that `{{ }}` emits as is (never quoted again).
    static TemplateValue sql(std::string text);
    static TemplateValue callable(std::shared_ptr<const TemplateCallable> fn);
    /// Test-mode stand-in for the variable `name` first used at `line`.
    static TemplateValue placeholder(std::string name, int line);
    /// An integer given as decimal text (any size); normalised ("+007" -> "7"). Fits int64 -> a plain Int.
    static TemplateValue bigInt(std::string_view decimal_text);
    /// Int or Float tagged with a ClickHouse type name ("Int32", "Float64").
    TemplateValue withTypeTag(std::string tag) const;

    Kind kind() const { return kind_; }
    bool isNone() const { return kind_ == Kind::None; }
    bool isBool() const { return kind_ == Kind::Bool; }
    bool isInt() const { return kind_ == Kind::Int; }
    bool isBigInt() const { return kind_ == Kind::Int && big_; }
    bool isFloat() const { return kind_ == Kind::Float; }
    bool isNumber() const { return kind_ == Kind::Int || kind_ == Kind::Float || kind_ == Kind::Bool; }
    bool isString() const { return kind_ == Kind::String; }
    bool isSql() const { return kind_ == Kind::Sql; }
    bool isList() const { return kind_ == Kind::List; }
    bool isTuple() const { return kind_ == Kind::Tuple; }
    /// List or tuple.
    bool isSequence() const { return kind_ == Kind::List || kind_ == Kind::Tuple; }
    bool isDict() const { return kind_ == Kind::Dict; }
    bool isCallable() const { return kind_ == Kind::Callable; }
    bool isPlaceholder() const { return kind_ == Kind::Placeholder; }

    bool asBool() const { return int_ != 0; }
    int64_t asInt() const { return int_; }
    double asFloat() const;
    /// Text of a String, Sql or Placeholder (its variable name) value, digits of a big int.
    const std::string & asString() const;
    /// Items of a List or Tuple.
    const TemplateList & asList() const;
    TemplateList & mutableList() const;
    const TemplateDict & asDict() const;
    TemplateDict & mutableDict() const;
    const TemplateCallable & asCallable() const;
    /// Type tag of a typed Int/Float ("" when plain).
    const std::string & typeTag() const;
    int placeholderLine() const { return static_cast<int>(int_); }

    /// Python truthiness.
    bool truthy() const;
    /// Python `==` (1 == 1.0 == True; list == tuple is false).
    bool equals(const TemplateValue & other) const;
    /// Dict lookup by key; nullptr when absent.
    const TemplateValue * find(const TemplateValue & key) const;
    const TemplateValue * find(std::string_view key) const;
    const TemplateValue * find(const char * key) const { return find(std::string_view(key)); }
    const TemplateValue * find(const std::string & key) const { return find(std::string_view(key)); }
    /// Deep copy of containers (so a render can mutate without touching shared request values).
    TemplateValue deepCopy() const;

    /// Python str(): None -> "None", True -> "True", 1.0 -> "1.0", lists as repr; typed ints -> "toInt32('1')".
    std::string str() const;
    /// Python repr(): strings quoted.
    std::string repr() const;
    /// Python type name ("str", "int", "list", ...), used in error texts.
    const char * typeName() const;

    /// Python's repr of a double ("1.0", "1e-05", "inf", "nan").
    static std::string formatFloat(double value);

private:
    Kind kind_ = Kind::None;
    bool big_ = false;
    int64_t int_ = 0;
    double float_ = 0;
    std::shared_ptr<const std::string> str_;
    std::shared_ptr<const std::string> tag_;
    std::shared_ptr<TemplateList> list_;
    std::shared_ptr<TemplateDict> dict_;
    std::shared_ptr<const TemplateCallable> fn_;
};

} // namespace pipit
