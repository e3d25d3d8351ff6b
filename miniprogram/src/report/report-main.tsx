import { render } from 'preact';

import { Button } from '../components/button';

render(<Button>hi</Button>, document.getElementById('report-app')!);
