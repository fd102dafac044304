#pragma once

#include "engine/types/Block.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

using ColumnsWithTypeAndName = std::vector<ColumnWithTypeAndName>;

/// How a function behaves on a range of its (single non-constant) argument; used by key analysis
/// to prune granules through `f(key)` (toDate(ts), toStartOfHour(ts), x + 1, ...).
struct FunctionMonotonicity
{
    /// f is monotonic on the range asked about.
    bool is_monotonic = false;
    /// Non-decreasing (true) or non-increasing (false).
    bool is_positive = true;
    /// Monotonic on every range, not only the one asked about.
    bool is_always_monotonic = false;
};

/// A scalar SQL function. Instances are created by FunctionRegistry, one per call site in a compiled
/// expression; they may cache data derived from constant arguments (e.g. the set of `in`) and are
/// used concurrently by several threads, so the cache must be thread-safe.
///
/// Callers use the non-virtual getReturnType() and execute(), which apply the default
/// implementations before the virtual *Impl methods:
///  - arguments count check (NUMBER_OF_ARGUMENTS_DOESNT_MATCH);
///  - constants: if every argument is a ColumnConst, executeImpl runs on one row and the result is
///    wrapped in a ColumnConst of `rows` rows;
///  - NULLs: Nullable arguments are replaced by their nested columns/types, the implementation
///    computes on them and the result becomes Nullable with the OR of the argument null maps;
///    a NULL literal argument (type Nothing or Nullable(Nothing)) makes the result a constant NULL;
///  - LowCardinality arguments are converted to full columns.
/// Implementations still see ColumnConst arguments when some but not all arguments are constant,
/// so they can take fast vector-constant paths.
class IFunction
{
public:
    virtual ~IFunction() = default;

    virtual std::string getName() const = 0;
    /// Exact number of arguments unless isVariadic().
    virtual size_t getNumberOfArguments() const { return 0; }
    virtual bool isVariadic() const { return false; }

    /// Result type for arguments; constant arguments have their column set (ColumnConst), others
    /// may have a null column. Throws ILLEGAL_TYPE_OF_ARGUMENT / NUMBER_OF_ARGUMENTS_DOESNT_MATCH.
    DataTypePtr getReturnType(const ColumnsWithTypeAndName & arguments) const;
    DataTypePtr getReturnType(const DataTypes & argument_types) const;

    /// Computes `rows` result values of type `result_type` (as returned by getReturnType).
    ColumnPtr execute(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const;

    virtual bool useDefaultImplementationForConstants() const { return true; }
    virtual bool useDefaultImplementationForNulls() const { return true; }
    virtual bool useDefaultImplementationForLowCardinality() const { return true; }
    /// Arguments that must be constants and are passed as given (not unwrapped) to executeImpl,
    /// e.g. the type name of CAST. They do not stop the all-constants shortcut.
    virtual std::vector<size_t> getArgumentsThatAreAlwaysConstant() const { return {}; }
    /// Same result for the same arguments (false for now(), rand()).
    virtual bool isDeterministic() const { return true; }
    /// Deterministic within one query (now() is, rand() is not): may be folded to a constant.
    virtual bool isDeterministicInScopeOfQuery() const { return true; }

    /// Monotonicity in the single non-constant argument of `type` between `left` and `right`
    /// (Null means unbounded). Default: not monotonic.
    virtual bool hasInformationAboutMonotonicity() const { return false; }
    virtual FunctionMonotonicity getMonotonicityForRange(const IDataType & type, const Field & left, const Field & right) const;

protected:
    virtual DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const = 0;
    virtual ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const = 0;

    /// Throws ILLEGAL_TYPE_OF_ARGUMENT: "Illegal type X of argument N of function f".
    [[noreturn]] void throwIllegalType(const ColumnsWithTypeAndName & arguments, size_t index, const std::string & expected = "") const;

private:
    void checkNumberOfArguments(size_t count) const;
    /// When exactly one argument is a non-constant LowCardinality column, the others are constants and the
    /// function is deterministic: runs it once per dictionary value and maps the rows through the indexes.
    /// nullptr when that does not apply.
    ColumnPtr executeOnLowCardinalityDictionary(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type,
                                                size_t rows) const;
    ColumnPtr executeWithoutLowCardinality(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const;
    ColumnPtr executeWithoutNulls(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const;
    ColumnPtr executeWithoutConstants(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const;
};

using FunctionPtr = std::shared_ptr<const IFunction>;

} // namespace pipit
