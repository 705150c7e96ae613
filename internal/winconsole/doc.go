// Package winconsole gives chidao's Windows GUI build a console for its
// sub-commands. Import it, for its side effect, from main; on other systems it
// does nothing.
//
// chidao.exe is linked with -H windowsgui, so that a double click opens the
// window without a console window beside it. Windows gives such a program no
// console: started from cmd.exe or PowerShell with a sub-command
// (chidao.exe search ...), it would print nothing. So when the program has
// arguments and some of its standard handles lead nowhere, this package
// attaches it to the console of the process that started it
// (AttachConsole(ATTACH_PARENT_PROCESS)) and points those handles at that
// console. Handles the caller redirected (to a file, a pipe, NUL) are kept.
//
// The shell does not wait for a GUI program, so its prompt comes back before
// the output and %ERRORLEVEL% is not the command's status; scripts use
// chidao-cli.exe, the same program linked as a console program (make windows
// builds both).
//
// It uses the syscall package only, not golang.org/x/sys/windows: package
// initialisation goes in import-path order among the packages that are ready,
// so depending only on the standard library lets this package's init run
// before any fyne.io package's, and anything those print at init reaches the
// console too.
package winconsole
