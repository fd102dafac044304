#pragma once

#include "engine/functions/ILambdaExpression.h"

#include <string>

namespace pipit
{

/// True for arrayMap, arrayFilter, arrayExists, arrayAll, arrayCount, arraySum, arrayFirst,
/// arrayFirstIndex, arraySort, arrayReverseSort: the functions whose first argument may be a lambda.
bool isHigherOrderFunctionName(const std::string & name);

/// The higher-order function `name` applying `lambda` to the elements of its array arguments.
/// The call's arguments are the arrays (as many as the lambda has parameters, of equal sizes per
/// row) followed by `captured_count` outer columns the lambda uses.
FunctionPtr createHigherOrderFunction(const std::string & name, LambdaExpressionPtr lambda, size_t captured_count);

} // namespace pipit
