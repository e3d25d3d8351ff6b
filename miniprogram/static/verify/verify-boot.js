// Runs before the verification page is first painted (a classic, blocking script): when the address
// carries a QR payload after '#', the register's answer stays hidden until verify.js has checked the
// signature, so nothing green shows for a forged code, not even for a moment.
if (location.hash.length > 1) document.documentElement.setAttribute('data-qr', 'pending');
