/** `matcalc --help`: every command and option, in full (the short usage is in cli.ts). */

/**
 * The commands that print HELP. The loader (src/cliStart.ts) answers them itself, without loading
 * the CLI bundle; cli.ts answers them too, for the bundle run on its own.
 */
export const isHelpCommand = (command: string | undefined): boolean => command === '--help' || command === '-h' || command === 'help';

export const HELP = `matcalc — matrix calculus from the command line (gradients, Jacobians, Hessians)

commands:
  matcalc derive EXPR [options]     differentiate EXPR and print the result
  matcalc check EXPR --claim ANSWER [options]
                                    is ANSWER the derivative of EXPR? (exit 0 yes, 3 no)
  matcalc batch                     JSON Lines requests on stdin, one JSON line per answer on stdout
                                    (fields: expr, wrt, where, layout, order, from, steps, emit, check, claim, form)
  matcalc functions                 the functions of the plain syntax, one line each, with their shape rules
  matcalc --help                    this text

options of derive (and, where they apply, check):
  --wrt VAR[,VAR...]     the variables to differentiate by (default: the first variable of EXPR); scalars stack
                         into one result, other variables (--wrt W,b) get one result each, in order
                         (--json: {"wrt": [...], "results": [...]})
  --where DECLS          declarations: "x: vector(n); A: matrix(m, n); S is a symmetric matrix; c: scalar"
  --from NOTATION        how to read EXPR: plain | latex | numpy | unicode | auto (default auto: decided from
                         unambiguous markers — LaTeX commands; np./torch. calls, @, **; the Unicode math the
                         product prints (ᵀ ⁻¹ ⊙ ‖·‖ √ …) or juxtaposition — and never a second reader after a
                         failure; a text with markers of two notations is an error asking for --from)
  --layout L             numerator (default) | denominator | mixed
  --order 1|2            first derivative (default) or second (the Hessian)
  --check                also check the result against central finite differences at random points
  --steps                print the derivation step by step
  --granularity G        full (default) | summary: how many steps --steps shows
  --emit FORMAT          print only the result as text | latex | numpy | torch | jax | markdown | einsum
  --form matrix|index    matrix form (default) or the index (component) form first
  --json                 the whole answer as JSON (input.text and input.notation say how EXPR was read)

output: "read as:" gives EXPR in the plain syntax as it was read, then the result in Unicode, its plain
text, shape, layout and variables. Errors go to stderr as "error[code]: message (column N)" with the
input line and a caret under the problem; control characters are shown escaped (\\x1b).
exit codes: 0 success, 2 a problem with the input, 3 (check) the claim is wrong, 1 an internal bug.
The language (grammar, precedence, literals, functions, declarations, notations): docs/language.md`;
