// Imported first by main.tsx: marks when the app's modules start evaluating (the time before it is
// spent fetching and compiling the script; the cashier bench prints both).
performance.mark('comanda:boot:evaluate');
