/** regenerator-runtime ships no types: its module value is the runtime object fontkit's compiled generators call. */
declare module 'regenerator-runtime' {
  const runtime: object;
  export default runtime;
}
