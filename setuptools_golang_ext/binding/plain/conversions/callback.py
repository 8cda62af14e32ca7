"""A Go function value: a Python callable, registered for the call, that Go calls through the
module's dispatcher with pickled arguments and result."""

from __future__ import annotations

from setuptools_golang_ext.names import INTERNAL_PREFIX
from setuptools_golang_ext.stages.introspect import GoType

from .base import ArgumentConversion, GoScope, held_value, reported

TYPE_CHECKING = False
if TYPE_CHECKING:
    from setuptools_golang_ext.binding.plain.plan import PlainArgument


def callback_params(go_type: GoType) -> tuple[GoType, ...]:
    """The parameters of a callback Go passes to the Python callable: all but a first
    ``context.Context`` (validator's ``FuncCtx``), which is Go's own (Python has no use for
    it: the call's cancellation is the outer call's)."""
    params = go_type.params
    return params[1:] if params and params[0].kind == "context" else params


def _item(slice_type: GoType) -> GoType:
    assert slice_type.elem is not None, "a variadic parameter is a slice"
    return slice_type.elem


def callback_results(go_type: GoType) -> tuple[GoType, ...]:
    """The results of a callback the Python callable returns: all but a last ``error``, which
    is Go's: nil when the callable returns, an error when it raises (the exception itself is
    raised from the Go function's call once that returns, as any callable's is)."""
    results = go_type.results
    return results[:-1] if results and results[-1].kind == "error" else results


class CallbackArgument(ArgumentConversion):
    way = "callback"
    support = True
    registers = True

    def python(self, argument: PlainArgument, label: str) -> str:
        return f'_callback({argument.name}, "{label}")'

    def go_parameter(self, argument: PlainArgument) -> str:
        return "uint64"

    def go_first(self, argument: PlainArgument, index: int) -> list[str]:
        """Go takes the Python callable first, before anything can return: every one the call
        passed is then Go's to release."""
        return [f"f{index} := {INTERNAL_PREFIX}take_callable(p{index})"]

    def go_prepare(self, argument: PlainArgument, index: int, scope: GoScope) -> list[str]:
        """A Go function value that calls the Python callable f<index> owns (handle p<index>):
        it keeps the owner, so Python keeps the callable while Go keeps the function value."""
        go_type = argument.type
        spelled = [scope.spell(param) for param in go_type.params]
        if go_type.variadic:  # ...T: the callable gets each item as an argument (*args)
            spelled[-1] = "..." + scope.spell(_item(go_type.params[-1]))
        params = [f"c{number} {spell}" for number, spell in enumerate(spelled)]
        skipped = len(go_type.params) - len(callback_params(go_type))  # a first context: Go's
        params[:skipped] = [f"_ {spell}" for spell in spelled[:skipped]]
        fixed = range(skipped, len(go_type.params) - go_type.variadic)
        args = ", ".join(held_value(f"c{number}", go_type.params[number]) for number in fixed)
        body = [f"\targs := []interface{{}}{{{args}}}"]
        if go_type.variadic:
            last = len(go_type.params) - 1
            item = held_value(f"c{last}[i]", _item(go_type.params[last]))
            body += [f"\tfor i := range c{last} {{", f"\t\targs = append(args, {item})", "\t}"]
        call = f"{INTERNAL_PREFIX}callback(f{index}, args"
        signature = f"a{index} := func({', '.join(params)})"
        returned = callback_results(go_type)
        errs = len(go_type.results) > len(returned)  # Go's error: the call's
        if not returned:  # a func(...) error: the callable returns None
            nothing = f"&{INTERNAL_PREFIX}no_result{{}}" if errs else "nil"
            body.append(f"\t{'return ' if errs else ''}{call}, {nothing})")
            return [f"{signature}{' error' if errs else ''} {{", *body, "}"]
        result = scope.spell(returned[0])
        body.append(f"\tvar r {result}")
        if not errs:
            body += [f"\t{call}, &r)", "\treturn r"]
            return [f"{signature} {result} {{", *body, "}"]
        body += [f"\terr := {call}, &r)", "\treturn r, err"]
        return [f"{signature} ({result}, error) {{", *body, "}"]

    def go_argument(self, argument: PlainArgument, index: int, scope: GoScope) -> str:
        return f"a{index}"

    def go_after(self, argument: PlainArgument, index: int) -> list[str]:
        """What Go got back from Python did not fit."""
        return reported(f"{INTERNAL_PREFIX}callback_failed(f{index})")
