import { render } from 'preact';
import { App } from './app';
import { lang } from './i18n';
import { takeTokenFromAddress } from './session';
import './styles.css';

const link = takeTokenFromAddress();
document.documentElement.lang = lang();
const root = document.getElementById('app');
if (root) render(<App link={link} />, root);
